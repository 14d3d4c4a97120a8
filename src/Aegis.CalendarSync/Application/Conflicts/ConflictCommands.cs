using System.Globalization;
using System.Text.Json;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>Conflicts: the open ones kept for the user (strategy manual) with their field-by-field comparison, the
/// ones the strategy settled on its own (from the audit), and resolving one by keeping the wallet's or Google's
/// version or by a per-field merge. Resolution is the sync service's (audited, applies the result on both sides).</summary>
public sealed class ConflictCommands(IConflictStore conflicts, IAuditStore audit, ISyncService sync, ConflictComparer comparer)
{
    /// <summary>Settled conflicts read per page (the newest first).</summary>
    public const int MaxAutoResolved = 50;

    public Task<IReadOnlyList<SyncConflict>> ListOpenAsync(Guid userId, CancellationToken ct) => conflicts.ListOpenAsync(userId, ct);

    public Task<SyncConflict?> GetAsync(Guid userId, long id, CancellationToken ct) => conflicts.GetAsync(userId, id, ct);

    /// <summary>The open conflicts, oldest first, each compared field by field (money in <paramref name="culture"/>).</summary>
    public async Task<IReadOnlyList<ConflictView>> ListOpenComparedAsync(Guid userId, CultureInfo culture, CancellationToken ct) =>
        (await conflicts.ListOpenAsync(userId, ct).ConfigureAwait(false))
            .Select(c => new ConflictView(c, comparer.Compare(userId, c.LocalVersion, c.GoogleVersion, culture)))
            .ToList();

    /// <summary>Conflicts detected since <paramref name="since"/> that the strategy (last-write-wins, wallet wins,
    /// Google wins) settled without asking, newest first, with what the losing side held.</summary>
    public async Task<IReadOnlyList<AutoResolvedConflict>> ListAutoResolvedAsync(Guid userId, DateTimeOffset since, CultureInfo culture, CancellationToken ct)
    {
        var rows = await audit.QueryAsync(userId, new AuditQuery(AuditAction.Conflict, AuditOutcome.Conflict, Since: since, Limit: MaxAutoResolved), ct)
            .ConfigureAwait(false);
        var settled = new List<AutoResolvedConflict>();
        foreach (var row in rows)
        {
            if (ReadDetails(row.ConflictDetails) is not { } details) continue;
            var (strategy, kept, local, google) = details;
            settled.Add(new AutoResolvedConflict(row.Id, row.CreatedAt, strategy, kept, row.FinancialEventId, comparer.Compare(userId, local, google, culture)));
        }
        return settled;
    }

    /// <summary>Google failures propagate (audited by the sync service); the conflict then stays open.</summary>
    public Task<ConflictResolveResult> ResolveAsync(Guid userId, long id, ConflictResolution keep, CancellationToken ct) =>
        WhileOpenAsync(userId, id, () => sync.ResolveConflictAsync(userId, id, keep, ct), ct);

    /// <summary>The per-field pick: the merged version is written to the wallet and to Google. A merge that cannot
    /// apply (a side deleted the event, one date of a series) is refused with the reason, nothing changed.</summary>
    public Task<ConflictResolveResult> MergeAsync(Guid userId, long id, ConflictMerge merge, CancellationToken ct) =>
        WhileOpenAsync(userId, id, () => sync.MergeConflictAsync(userId, id, merge, ct), ct);

    private async Task<ConflictResolveResult> WhileOpenAsync(Guid userId, long id, Func<Task> resolve, CancellationToken ct)
    {
        var conflict = await conflicts.GetAsync(userId, id, ct).ConfigureAwait(false);
        if (conflict is null) return ConflictResolveResult.NotFound.Instance;
        if (conflict.Status != ConflictStatus.Open) return new ConflictResolveResult.AlreadyClosed(conflict);

        try
        {
            await resolve().ConfigureAwait(false);
        }
        catch (ConflictMergeException e)
        {
            return new ConflictResolveResult.Refused(e.Message);
        }

        return new ConflictResolveResult.Resolved(await conflicts.GetAsync(userId, id, ct).ConfigureAwait(false) ?? conflict);
    }

    /// <summary>The audited details of a settled conflict (see <see cref="ConflictRecorder"/>); null for one kept for
    /// the user, one both sides already agreed on, or details that cannot be read.</summary>
    private static (ConflictStrategy, ConflictSide, string, string)? ReadDetails(string? details)
    {
        if (details is null) return null;
        try
        {
            using var json = JsonDocument.Parse(details);
            var root = json.RootElement;
            ConflictSide? kept = root.GetProperty("winner").GetString() switch
            {
                nameof(ConflictWinner.Local) => ConflictSide.Wallet,
                nameof(ConflictWinner.Google) => ConflictSide.Google,
                _ => null,
            };
            if (kept is null || !Enum.TryParse<ConflictStrategy>(root.GetProperty("strategy").GetString(), out var strategy)) return null;
            return (strategy, kept.Value, root.GetProperty("local").GetRawText(), root.GetProperty("google").GetRawText());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
