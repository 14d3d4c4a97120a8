namespace Aegis.CalendarSync.Sync.Preview;

/// <summary>What the first sync would do to single occurrences (one date) of repeating events, decided by the sync's
/// own rules (<see cref="OccurrenceDecider"/> inbound, the outbound push's test of what Google was last known to
/// hold); the series themselves are counted as events. A sample names the series and the occurrence's date (its
/// original date, in the series' time zone), e.g. "Rent, 1 Jul 2027".</summary>
/// <param name="ToGoogle">Occurrences changed in the wallet (paid, moved, another amount or title) that the sync writes to Google.</param>
/// <param name="RemovedFromGoogle">Occurrences skipped in the wallet whose date the sync removes from Google.</param>
/// <param name="ToWallet">Occurrences changed in Google that the wallet takes.</param>
/// <param name="SkippedInWallet">Occurrences deleted in Google that the wallet marks skipped (the rest of the series stays).</param>
/// <param name="Conflicts">Occurrences changed on both sides: the user's conflict strategy decides.</param>
public sealed record OccurrencePreview(
    PreviewBucket ToGoogle,
    PreviewBucket RemovedFromGoogle,
    PreviewBucket ToWallet,
    PreviewBucket SkippedInWallet,
    PreviewBucket Conflicts)
{
    public static readonly OccurrencePreview Empty = new(PreviewBucket.Empty, PreviewBucket.Empty, PreviewBucket.Empty, PreviewBucket.Empty,
        PreviewBucket.Empty);
}
