namespace Aegis.CalendarSync.Server.Api.Auth;

public sealed record TokenRequest(string? Email, string? Password);
