using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Mapping;

/// <summary>Values for an event created in Google (no Aegis properties): its owner, the currency and IANA zone to
/// assume (typically the user's), and its event type (reminder, or the type routed to the calendar it came from).</summary>
public sealed record GoogleImportDefaults(Guid UserId, string Currency, string TimeZone, EventType EventType = EventType.Reminder);
