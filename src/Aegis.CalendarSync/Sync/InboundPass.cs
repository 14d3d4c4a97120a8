using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Sync;

/// <summary>One inbound sync (a single get, an incremental list or a full sync) in progress: the deletions from Google
/// it found, collected instead of applied so the mass-delete guard can judge them together before the sync token is
/// stored, and the events whose deletion is already held (a repeated deletion of those is neither applied nor counted).</summary>
internal sealed class InboundPass(IReadOnlySet<Guid> alreadyHeld)
{
    private readonly List<PendingDeletion> deletions = [];
    private readonly HashSet<string> deletedSeries = new(StringComparer.Ordinal);

    public IReadOnlyList<PendingDeletion> Deletions => deletions;

    /// <summary>Deletions the guard held in this pass (0 when they were applied).</summary>
    public int HeldCount { get; set; }

    /// <summary>Events of an earlier connection pushed back to the current calendar in this pass.</summary>
    public int Repushed { get; set; }

    public bool IsHeld(Guid financialEventId) => alreadyHeld.Contains(financialEventId);

    /// <summary>Remembers the series a listed page reports deleted (cancelled masters): an instance of one of them
    /// reported cancelled went with its series and is no occurrence skipped on its own.</summary>
    public void NoteDeletedSeries(IEnumerable<GoogleEvent> listed) =>
        deletedSeries.UnionWith(listed.Where(e => e is { IsCancelled: true, RecurringEventId: null, Id: not null }).Select(e => e.Id!));

    public bool IsSeriesDeleted(string seriesGoogleId) => deletedSeries.Contains(seriesGoogleId);

    public void Defer(FinancialEvent local, CalendarSyncMapping mapping, GoogleEvent remote)
    {
        if (!deletions.Exists(d => d.Local.Id == local.Id))
        {
            deletions.Add(new PendingDeletion(local, mapping, remote));
        }
    }
}

/// <summary>An uncontested deletion from Google of a live, synced wallet event, not yet applied.</summary>
internal sealed record PendingDeletion(FinancialEvent Local, CalendarSyncMapping Mapping, GoogleEvent Remote);
