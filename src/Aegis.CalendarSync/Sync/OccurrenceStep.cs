namespace Aegis.CalendarSync.Sync;

/// <summary>What the inbound sync does with one Google instance of a series.</summary>
internal enum OccurrenceStep
{
    /// <summary>Cancelled because its whole series was deleted: the series' deletion decides, not this instance.</summary>
    SeriesDeleted,

    /// <summary>A series the wallet does not hold (not imported, or deleted in the wallet): nothing to attach it to.</summary>
    UnknownSeries,

    /// <summary>No occurrence of the wallet's series has that original start.</summary>
    NotAnOccurrence,

    /// <summary>Nothing to decide: our own write, the same content, or an unsynced field (a newer etag is recorded).</summary>
    Echo,

    /// <summary>Only Google changed the occurrence: the wallet takes it (cancelled: the occurrence is skipped).</summary>
    UpdateWallet,

    /// <summary>Both sides changed the occurrence since the last sync: the user's strategy decides.</summary>
    Conflict,
}
