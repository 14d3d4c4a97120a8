using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class InboundFailureRow
{
    public const string Columns =
        "user_id AS UserId, google_calendar_id AS GoogleCalendarId, google_event_id AS GoogleEventId, reason AS Reason, " +
        "attempts AS Attempts, first_failed_at AS FirstFailedAt, last_failed_at AS LastFailedAt";

    public object UserId { get; init; } = null!;
    public string GoogleCalendarId { get; init; } = "";
    public string GoogleEventId { get; init; } = "";
    public string Reason { get; init; } = "";
    public long Attempts { get; init; }
    public object FirstFailedAt { get; init; } = null!;
    public object LastFailedAt { get; init; } = null!;

    public InboundFailure ToModel() => new()
    {
        UserId = DbValue.ToGuid(UserId),
        GoogleCalendarId = GoogleCalendarId,
        GoogleEventId = GoogleEventId,
        Reason = Reason,
        Attempts = checked((int)Attempts),
        FirstFailedAt = DbValue.ToTime(FirstFailedAt),
        LastFailedAt = DbValue.ToTime(LastFailedAt),
    };
}
