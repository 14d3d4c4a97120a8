namespace GoogleCalendarEmulator.Calendar.Listing;

/// <summary>
/// What a sync or page token pins. <see cref="Snapshot"/> is the account change sequence when the listing began:
/// the next sync token resumes from it, so changes made while paging are reported by the next incremental sync.
/// </summary>
internal sealed record ListPosition(
    ListTokenKind Kind,
    string CalendarId,
    int Epoch,
    long Snapshot,
    long? Since = null,
    string? OrderBy = null,
    long CursorKey = 0,
    string? CursorId = null);

internal enum ListTokenKind
{
    Sync,
    Page,
}
