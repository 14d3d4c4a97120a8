using Aegis.CalendarSync.Sync.Preview;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>What the first sync of the connection would do (GET /api/sync/preview): per kind of change a count and up
/// to five sample titles, the calendar(s) it syncs with, and the same in plain sentences.</summary>
public sealed record SyncPreviewResponse(
    IReadOnlyList<PreviewCalendarResponse> Calendars,
    DateTimeOffset WindowStart,
    PreviewBucketResponse ToGoogleNew,
    PreviewBucketResponse ToGoogleUpdated,
    PreviewBucketResponse ToWalletNew,
    PreviewBucketResponse ToWalletUpdated,
    PreviewBucketResponse ToWalletTrash,
    bool DeletionsHeld,
    PreviewBucketResponse InGoogleDeleted,
    PreviewBucketResponse Conflicts,
    PreviewBucketResponse Unchanged,
    PreviewBucketResponse LeftAlone,
    OccurrencePreviewResponse Occurrences,
    IReadOnlyList<string> Sentences)
{
    public static SyncPreviewResponse From(SyncPreview p) => new(
        p.Calendars.Select(c => new PreviewCalendarResponse(c.Id, c.Name, c.WillBeCreated, c.ImportsForeignEvents)).ToList(),
        p.WindowStart, Bucket(p.ToGoogleNew), Bucket(p.ToGoogleUpdated), Bucket(p.ToWalletNew), Bucket(p.ToWalletUpdated),
        Bucket(p.ToWalletTrash), p.DeletionsHeld, Bucket(p.InGoogleDeleted), Bucket(p.Conflicts), Bucket(p.Unchanged), Bucket(p.LeftAlone),
        new OccurrencePreviewResponse(Bucket(p.Occurrences.ToGoogle), Bucket(p.Occurrences.RemovedFromGoogle), Bucket(p.Occurrences.ToWallet),
            Bucket(p.Occurrences.SkippedInWallet), Bucket(p.Occurrences.Conflicts)),
        SyncPreviewWording.Sentences(p).Select(s => s.Text).ToList());

    private static PreviewBucketResponse Bucket(PreviewBucket b) => new(b.Count, b.Samples);
}

/// <summary>What the first sync does to single occurrences (one date) of repeating events; each sample names the
/// series and the occurrence's date, e.g. "Rent, 1 Jul 2027".</summary>
/// <param name="ToGoogle">Occurrences changed in the wallet (paid, moved, another amount or title) written to Google.</param>
/// <param name="RemovedFromGoogle">Occurrences skipped in the wallet whose date is removed from Google.</param>
/// <param name="ToWallet">Occurrences changed in Google that the wallet takes.</param>
/// <param name="SkippedInWallet">Occurrences deleted in Google that the wallet marks skipped (the series stays).</param>
/// <param name="Conflicts">Occurrences changed on both sides: the conflict setting decides.</param>
public sealed record OccurrencePreviewResponse(
    PreviewBucketResponse ToGoogle,
    PreviewBucketResponse RemovedFromGoogle,
    PreviewBucketResponse ToWallet,
    PreviewBucketResponse SkippedInWallet,
    PreviewBucketResponse Conflicts);

public sealed record PreviewBucketResponse(int Count, IReadOnlyList<string> Samples);

public sealed record PreviewCalendarResponse(string? Id, string Name, bool WillBeCreated, bool ImportsForeignEvents);

/// <summary>Answer to Start: the first sync is queued.</summary>
public sealed record FirstSyncStartedResponse(bool Started);
