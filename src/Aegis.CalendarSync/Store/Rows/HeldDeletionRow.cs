using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class HeldDeletionRow
{
    public const string Columns =
        "user_id AS UserId, financial_event_id AS FinancialEventId, google_calendar_id AS GoogleCalendarId, " +
        "google_event_id AS GoogleEventId, held_at AS HeldAt";

    public object UserId { get; init; } = null!;
    public object FinancialEventId { get; init; } = null!;
    public string GoogleCalendarId { get; init; } = "";
    public string GoogleEventId { get; init; } = "";
    public object HeldAt { get; init; } = null!;

    public HeldDeletion ToModel() => new()
    {
        UserId = DbValue.ToGuid(UserId),
        FinancialEventId = DbValue.ToGuid(FinancialEventId),
        GoogleCalendarId = GoogleCalendarId,
        GoogleEventId = GoogleEventId,
        HeldAt = DbValue.ToTime(HeldAt),
    };
}
