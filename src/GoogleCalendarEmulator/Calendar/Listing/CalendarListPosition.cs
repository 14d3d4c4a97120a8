namespace GoogleCalendarEmulator.Calendar.Listing;

/// <summary>
/// What a calendarList sync or page token pins (signed by a codec of its own, so no events token passes for one).
/// <see cref="Snapshot"/> is the account's calendar-list sequence when the listing began; <see cref="Since"/> the sync token's
/// sequence for an incremental listing; the filters of the first page, which every later page must repeat; and the
/// last entry returned (the primary calendar sorts first, then ids in ordinal order).
/// </summary>
internal sealed record CalendarListPosition(
    bool IsSyncToken,
    int Epoch,
    long Snapshot,
    long? Since = null,
    bool ShowDeleted = false,
    bool ShowHidden = false,
    string? MinAccessRole = null,
    string? CursorKey = null);
