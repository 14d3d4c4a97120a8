namespace Aegis.CalendarSync.Model;

/// <summary>Link between a financial event and its Google event. <see cref="Version"/> is an optimistic lock:
/// every update is <c>WHERE version = @expected</c> and increments it.</summary>
public sealed record CalendarSyncMapping
{
    public required Guid UserId { get; init; }
    public required Guid FinancialEventId { get; init; }
    public required string GoogleCalendarId { get; init; }
    public required string GoogleEventId { get; init; }
    public string? GoogleEtag { get; init; }
    /// <summary>EventContentHash of the wallet's rendering (FinancialEventMapper.ToGoogleEvent) of the version both
    /// sides agree on: the wallet event hashing differently has changed locally since the last sync.</summary>
    public string? ContentHash { get; init; }
    /// <summary>EventContentHash of Google's own rendering of that version as last seen; null when Google holds the
    /// wallet's rendering (after a push). Differs for events created or renamed by a person in Google.</summary>
    public string? RemoteContentHash { get; init; }
    /// <summary>The wallet-side values of that version that a Google event may not carry; null when unknown (a
    /// mapping made before they were recorded, or relinked to an event found in Google).</summary>
    public SyncedValues? Synced { get; init; }
    /// <summary>Google's <c>htmlLink</c> of the event (opens it in Google Calendar), as Google last answered it.</summary>
    public string? HtmlLink { get; init; }
    public SyncSource SyncSource { get; init; }
    /// <summary>The clock of the version last synced: after a push, the wallet's <c>updated_at</c> of the version
    /// pushed (a wallet-sourced row with another <c>updated_at</c> was written since); after a change from Google,
    /// Google's <c>updated</c>.</summary>
    public DateTimeOffset LastModifiedAt { get; init; }
    public DateTimeOffset? LastSyncedAt { get; init; }
    public long Version { get; init; }
    /// <summary>The connection (<see cref="CalendarSyncSettings.ConnectionId"/>) this link was made under. A link of an
    /// earlier connection proves nothing about the current account's calendar: it is re-pushed, never read as a deletion.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>True when the link was made under an earlier connection than <paramref name="settings"/>'s.</summary>
    public bool IsFromEarlierConnection(CalendarSyncSettings settings) =>
        !string.Equals(ConnectionId, settings.ConnectionId, StringComparison.Ordinal);

    /// <summary>The hash a Google event must have to be the version last synced (an echo, or a change only to
    /// fields Aegis does not sync).</summary>
    public string? GoogleSideHash => RemoteContentHash ?? ContentHash;

    /// <summary>The Google event this mapping points at, at the version last synced.</summary>
    public GoogleEventRef GoogleRef => new(GoogleCalendarId, GoogleEventId, GoogleEtag);
}
