using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>Conflicts kept for the user (strategy manual): list the open ones, read one, resolve one by keeping the
/// wallet's or Google's version. Resolution is the sync service's (audited, applies the winner on both sides).</summary>
public sealed class ConflictCommands(IConflictStore conflicts, ISyncService sync)
{
    public Task<IReadOnlyList<SyncConflict>> ListOpenAsync(Guid userId, CancellationToken ct) => conflicts.ListOpenAsync(userId, ct);

    public Task<SyncConflict?> GetAsync(Guid userId, long id, CancellationToken ct) => conflicts.GetAsync(userId, id, ct);

    /// <summary>Google failures propagate (audited by the sync service); the conflict then stays open.</summary>
    public async Task<ConflictResolveResult> ResolveAsync(Guid userId, long id, ConflictResolution keep, CancellationToken ct)
    {
        var conflict = await conflicts.GetAsync(userId, id, ct).ConfigureAwait(false);
        if (conflict is null) return ConflictResolveResult.NotFound.Instance;
        if (conflict.Status != ConflictStatus.Open) return new ConflictResolveResult.AlreadyClosed(conflict);

        await sync.ResolveConflictAsync(userId, id, keep, ct).ConfigureAwait(false);
        return new ConflictResolveResult.Resolved(await conflicts.GetAsync(userId, id, ct).ConfigureAwait(false) ?? conflict);
    }
}
