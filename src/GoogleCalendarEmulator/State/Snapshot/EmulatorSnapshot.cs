using GoogleCalendarEmulator.Calendar.Model;

namespace GoogleCalendarEmulator.State.Snapshot;

/// <summary>What survives an emulator restart: accounts with their calendars and events (and the change counters
/// their sync tokens pin), OAuth grants with their refresh tokens, watch channels, and the keys that sign sync and
/// page tokens. Access tokens, codes, faults, quota windows and the request log are not kept (a client refreshes).</summary>
internal sealed record EmulatorSnapshot(
    int Version,
    string ListTokenKey,
    string CalendarListTokenKey,
    List<AccountSnapshot> Accounts,
    List<GrantSnapshot> Grants,
    List<ChannelSnapshot> Channels)
{
    public const int CurrentVersion = 1;
}

internal sealed record AccountSnapshot(string Email, long ChangeSequence, long CalendarListSequence, int SyncEpoch, List<CalendarSnapshot> Calendars);

internal sealed record CalendarSnapshot(
    string Id, string Summary, string? Description, string TimeZone, bool Primary, string AccessRole, string ResourceId,
    DateTimeOffset Created, CalendarListState List, List<StoredEventSnapshot> Events);

internal sealed record StoredEventSnapshot(CalendarEvent Resource, long ChangeSequence, DateTimeOffset Updated, DateTimeOffset Start, DateTimeOffset End);

internal sealed record GrantSnapshot(string Email, string ClientId, string Scope, string RefreshToken);

internal sealed record ChannelSnapshot(
    string Id, string ResourceId, string ResourceUri, string? Token, Uri Address, DateTimeOffset Expiration,
    string AccountEmail, string CalendarId, long MessageNumber);
