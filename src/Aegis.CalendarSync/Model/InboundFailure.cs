namespace Aegis.CalendarSync.Model;

/// <summary>A change Google reported for one event that the wallet could not apply (e.g. content the wallet's
/// rules reject). Kept until a later sync applies that event; the rest of the sync goes on without it.</summary>
public sealed record InboundFailure
{
    public required Guid UserId { get; init; }
    public required string GoogleCalendarId { get; init; }
    public required string GoogleEventId { get; init; }
    /// <summary>Why it could not be applied (exception type and message, bounded).</summary>
    public required string Reason { get; init; }
    /// <summary>Failed attempts so far, the first included.</summary>
    public int Attempts { get; init; } = 1;
    public DateTimeOffset FirstFailedAt { get; init; }
    public DateTimeOffset LastFailedAt { get; init; }
}
