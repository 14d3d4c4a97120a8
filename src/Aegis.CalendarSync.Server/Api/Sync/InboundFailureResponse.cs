using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>A Google change the sync could not apply: which event, why, how often it was tried and when.</summary>
public sealed record InboundFailureResponse(
    string GoogleCalendarId,
    string GoogleEventId,
    string Reason,
    int Attempts,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastFailedAt)
{
    public static InboundFailureResponse From(InboundFailure f) =>
        new(f.GoogleCalendarId, f.GoogleEventId, f.Reason, f.Attempts, f.FirstFailedAt, f.LastFailedAt);
}
