namespace Aegis.CalendarSync.Model;

/// <summary>An account of the wallet app; every other row is owned by one.</summary>
public sealed record AppUser(Guid Id, string Email, string DisplayName, DateTimeOffset CreatedAt);
