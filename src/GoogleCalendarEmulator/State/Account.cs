namespace GoogleCalendarEmulator.State;

/// <summary>One Google account. Every read or write of its calendars happens under <see cref="Gate"/>, which serialises concurrent requests per account.</summary>
internal sealed class Account(string email)
{
    public string Email { get; } = email;
    public Lock Gate { get; } = new();
    public Dictionary<string, CalendarData> Calendars { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Monotonic counter stamped on every change; sync and page tokens pin a value of it.</summary>
    public long ChangeSequence { get; private set; }

    /// <summary>Bumped to invalidate every outstanding sync token of the account.</summary>
    public int SyncEpoch { get; private set; }

    public long NextChange() => ++ChangeSequence;

    /// <summary>Monotonic counter stamped on every calendar-list change; calendarList tokens pin a value of it. Apart
    /// from <see cref="ChangeSequence"/>, so adding or hiding a calendar leaves events sync tokens as they were.</summary>
    public long CalendarListSequence { get; private set; }

    public long NextCalendarListChange() => ++CalendarListSequence;

    public void InvalidateSyncTokens() => SyncEpoch++;

    /// <summary>Sets the counters from a snapshot, so tokens issued before a restart keep their meaning.</summary>
    public void RestoreCounters(long changeSequence, long calendarListSequence, int syncEpoch)
    {
        ChangeSequence = changeSequence;
        CalendarListSequence = calendarListSequence;
        SyncEpoch = syncEpoch;
    }

    /// <summary>Resolves "primary" to the account's own calendar; other ids must belong to this account.</summary>
    public CalendarData? FindCalendar(string calendarId) =>
        Calendars.GetValueOrDefault(calendarId.Equals("primary", StringComparison.OrdinalIgnoreCase) ? Email : calendarId);
}
