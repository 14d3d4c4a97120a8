namespace GoogleCalendarEmulator.State;

/// <summary>The user-specific side of a calendar (calendarListEntry): what calendarList.patch/delete change.</summary>
internal sealed class CalendarListState
{
    public bool Hidden { get; set; }
    public bool Selected { get; set; } = true;
    public string? SummaryOverride { get; set; }

    /// <summary>Removed from the list (calendarList.delete): listed only with showDeleted or in incremental sync.</summary>
    public bool Deleted { get; set; }

    public long ChangeSequence { get; set; }

    public string Etag => $"\"{ChangeSequence:D12}\"";
}
