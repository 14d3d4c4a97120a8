using GoogleCalendarEmulator.Calendar.Model;

namespace GoogleCalendarEmulator.State;

/// <summary>An immutable snapshot of one event version; a write replaces the snapshot, so readers never see a half-applied change.</summary>
internal sealed record StoredEvent(CalendarEvent Resource, long ChangeSequence, DateTimeOffset Updated, DateTimeOffset Start, DateTimeOffset End)
{
    public string Id => Resource.Id!;

    public bool IsCancelled => Resource.Status == EventStatus.Cancelled;
}

internal static class EventStatus
{
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
}
