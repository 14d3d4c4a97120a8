namespace GoogleCalendarEmulator.Calendar.Recurrence;

/// <summary>One occurrence the recurrence data of a series generates: its original start (what
/// <c>originalStartTime</c> and the instance id are made of) and its [start, end) instants.</summary>
internal sealed record SeriesOccurrence(DateTimeOffset Start, DateTimeOffset End, DateOnly? Date)
{
    public bool IsAllDay => Date is not null;
}
