namespace Aegis.CalendarSync.Sync.Preview;

/// <summary>What the first sync of a connection would do, computed with the sync's own rules
/// (<see cref="InboundDecider"/>) from the wallet and Google's events.list, with nothing written anywhere.
/// Counts cover events ending after <see cref="WindowStart"/> (the full sync's window) plus wallet changes queued while
/// the connection waited. Changes to single occurrences of a repeating event are counted apart, in
/// <see cref="Occurrences"/> (their series is counted here as one event).</summary>
/// <param name="ToGoogleNew">Wallet events the sync adds to Google.</param>
/// <param name="ToGoogleUpdated">Wallet events Google already holds in another version: the wallet's version replaces it.</param>
/// <param name="ToWalletNew">Events made in Google (in a calendar marked for import) that become wallet events.</param>
/// <param name="ToWalletUpdated">Wallet events that take the version changed in Google.</param>
/// <param name="ToWalletTrash">Wallet events deleted in Google that move to the Trash (restorable).</param>
/// <param name="DeletionsHeld">The Trash moves are a mass delete: the sync holds them for the user's decision instead.</param>
/// <param name="InGoogleDeleted">Events the sync deletes in Google (only wallet deletions queued while waiting).</param>
/// <param name="Conflicts">Events changed on both sides: the user's conflict strategy decides.</param>
/// <param name="Unchanged">Events already the same on both sides.</param>
/// <param name="LeftAlone">Events in Google that are not financial events (the calendar is not marked for import):
/// never imported, never changed.</param>
/// <param name="Occurrences">What the sync does to single occurrences of repeating events.</param>
public sealed record SyncPreview(
    IReadOnlyList<PreviewCalendar> Calendars,
    DateTimeOffset WindowStart,
    PreviewBucket ToGoogleNew,
    PreviewBucket ToGoogleUpdated,
    PreviewBucket ToWalletNew,
    PreviewBucket ToWalletUpdated,
    PreviewBucket ToWalletTrash,
    bool DeletionsHeld,
    PreviewBucket InGoogleDeleted,
    PreviewBucket Conflicts,
    PreviewBucket Unchanged,
    PreviewBucket LeftAlone,
    OccurrencePreview Occurrences);
