using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Application.Sync;

/// <summary>Deletions from Google the mass-delete guard held: what they are, and the user's decision for all of them
/// at once — delete them here too (they go to the Trash) or keep them (they are put back in Google).</summary>
public sealed class HeldDeletionCommands(
    IHeldDeletionStore held,
    IFinancialEventStore events,
    ISettingsStore settings,
    HeldDeletionDecisions decisions)
{
    /// <summary>The held deletions with the wallet event each would delete (an event gone meanwhile is left out).</summary>
    public async Task<IReadOnlyList<HeldDeletionView>> ListAsync(Guid userId, CancellationToken ct)
    {
        var views = new List<HeldDeletionView>();
        foreach (var h in await held.ListAsync(userId, ct).ConfigureAwait(false))
        {
            if (await events.GetAsync(userId, h.FinancialEventId, ct).ConfigureAwait(false) is { } e)
            {
                views.Add(new HeldDeletionView(h, e));
            }
        }

        return views;
    }

    public async Task<int> CountAsync(Guid userId, CancellationToken ct) =>
        (await held.ListAsync(userId, ct).ConfigureAwait(false)).Count;

    /// <summary>Deletes the held events here too (into the Trash). Needs no Google connection.</summary>
    public Task<int> ConfirmAsync(Guid userId, CancellationToken ct) => decisions.ConfirmAsync(userId, ct);

    /// <summary>Keeps the held events and writes them back to Google; refused when the user cannot sync now.</summary>
    public async Task<HeldDeletionRestoreResult> RestoreAsync(Guid userId, CancellationToken ct)
    {
        var current = await settings.GetAsync(userId, ct).ConfigureAwait(false);
        if (SyncRequestResult.RefusalFor(current) is { } refusal) return new HeldDeletionRestoreResult.CannotSync(refusal);
        try
        {
            return new HeldDeletionRestoreResult.Restored(await decisions.RestoreAsync(current!, ct).ConfigureAwait(false));
        }
        catch (MappingConflictException)
        {
            // A sync wrote one of the events meanwhile; the ones not yet written back stay held for another try.
            return HeldDeletionRestoreResult.Interrupted.Instance;
        }
    }
}

/// <summary>One held deletion and the wallet event it concerns.</summary>
public sealed record HeldDeletionView(HeldDeletion Held, FinancialEvent Event);

/// <summary>Outcome of "keep them": the number written back to Google, or why nothing could be written.</summary>
public abstract record HeldDeletionRestoreResult
{
    private HeldDeletionRestoreResult() { }

    public sealed record Restored(int Count) : HeldDeletionRestoreResult;

    public sealed record CannotSync(SyncRequestResult Refusal) : HeldDeletionRestoreResult;

    /// <summary>A concurrent sync changed one of the events; those not yet written back are still held.</summary>
    public sealed record Interrupted : HeldDeletionRestoreResult
    {
        public static readonly Interrupted Instance = new();
    }
}
