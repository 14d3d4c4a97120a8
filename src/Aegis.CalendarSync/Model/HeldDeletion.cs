namespace Aegis.CalendarSync.Model;

/// <summary>A deletion from Google that the mass-delete guard did not apply: the wallet event stays live (and keeps its
/// mapping) until the user confirms the deletion or restores the event to Google.</summary>
public sealed record HeldDeletion
{
    public required Guid UserId { get; init; }
    public required Guid FinancialEventId { get; init; }
    public required string GoogleCalendarId { get; init; }
    public required string GoogleEventId { get; init; }
    public required DateTimeOffset HeldAt { get; init; }
}
