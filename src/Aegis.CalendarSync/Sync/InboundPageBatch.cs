using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Batch;

namespace Aegis.CalendarSync.Sync;

/// <summary>The changes of one listed page that follow from their decision alone (issue 12): an import, Google's
/// uncontested edit (<see cref="InboundStep.UpdateWallet"/>; a wallet edit since makes it a conflict, decided per event)
/// and an echo's newer etag; not a version Google is to be brought in line with (its write enqueues a push). Collected while the page is walked (<see cref="TryAdd"/>) and written together by
/// <see cref="FlushAsync"/> in one transaction (<see cref="IInboundPageStore"/>): the same rows the per-event path
/// writes for them (<see cref="SyncStateWriter.PlanRemote"/>, the same audit rows, one per change), each write
/// conditioned on the version decided on. When any finds its row changed meanwhile, nothing is written and the
/// changes are handed back to be applied one by one, as before (they are decided again on what the store holds then).</summary>
internal sealed class InboundPageBatch(SyncStateWriter writer, SyncAuditor auditor, IInboundPageStore store)
{
    private readonly List<Pending> _pending = [];
    private readonly HashSet<Guid> _events = [];

    public int Count => _pending.Count;

    /// <summary>Takes <paramref name="decision"/> into the batch; false when it is not one the batch writes (or its wallet
    /// event already has a change in the batch): the caller flushes and applies it on its own.</summary>
    public bool TryAdd(SyncAttempt attempt, InboundDecision decision)
    {
        if (decision.Rebind)
        {
            return false;
        }

        var (settings, remote, local, mapping) = (attempt.Settings, decision.Remote, decision.Local, decision.Mapping);
        switch (decision.Step)
        {
            case InboundStep.Echo when remote.Etag != mapping!.GoogleEtag:
                return Add(mapping.FinancialEventId, new Pending(attempt, decision, null, writer.AdoptedEtag(settings, mapping, remote)));
            case InboundStep.UpdateWallet or InboundStep.Import:
                RemoteApplication plan;
                try
                {
                    plan = writer.PlanRemote(settings, local, mapping, remote);
                }
                catch (Exception ex) when (InboundFailurePolicy.IsPoison(ex))
                {
                    return false; // The per-event path records the failure for the event.
                }

                // A version Google is to be told about (SyncSource Aegis: its write enqueues a push) is written on its own.
                return plan.Applied.SyncSource == SyncSource.Google && Add(plan.Applied.Id, new Pending(attempt, decision, plan, plan.Mapping));
            default:
                return false;
        }
    }

    /// <summary>Writes the collected changes (nothing when there are none) and returns the decisions to apply one by one
    /// instead: none when the page was written, all of them when any write found its row changed (nothing was written).</summary>
    public async Task<IReadOnlyList<InboundDecision>> FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0)
        {
            return [];
        }

        var pending = _pending.ToList();
        _pending.Clear();
        _events.Clear();
        var audits = pending.SelectMany(Audits).ToList();
        var page = new InboundPageWrite(
            [.. pending.Where(p => p.Plan is not null && p.Decision.Local is null).Select(p => p.Plan!.Applied)],
            [.. pending.Where(p => p.Plan is not null && p.Decision.Local is not null).Select(p => (p.Plan!.Applied, p.Decision.Local!.UpdatedAt))],
            [.. pending.Select(p => Write(p.Decision.Mapping, p.Mapping))],
            audits);
        bool written;
        try
        {
            written = await store.WriteAsync(page, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Whatever failed (e.g. one row the schema rejects), the per-event path isolates it and applies the rest.
            written = false;
        }

        if (!written)
        {
            return [.. pending.Select(p => p.Decision)];
        }

        foreach (var p in pending.Where(p => p.Plan is not null))
        {
            writer.NoteApplied(p.Decision.Remote);
        }

        audits.ForEach(auditor.CountWritten);
        return [];
    }

    private bool Add(Guid financialEventId, Pending pending)
    {
        if (!_events.Add(financialEventId))
        {
            return false;
        }

        _pending.Add(pending);
        return true;
    }

    /// <summary>The rows the per-event path writes for the change, in its order: the summary's unread amount (as
    /// <see cref="SyncStateWriter.ApplyRemoteAsync"/> records it), then the import or the applied edit (as the sync audits it).</summary>
    private IEnumerable<AuditEntry> Audits(Pending p)
    {
        if (p.Plan is not { } plan)
        {
            yield break;
        }

        var (attempt, remote, before) = (p.Attempt, p.Decision.Remote, p.Decision.Local);
        if (plan.SummaryProblem is { } problem)
        {
            yield return auditor.Prepare(problem, auditor.StartTimestamp());
        }

        yield return auditor.Prepare(attempt.Audit(AuditAction.SyncFromGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = plan.Applied.Id,
            GoogleEventId = remote.Id,
            EventTitle = before?.Title ?? plan.Applied.Title,
            ErrorCode = before is null ? "imported" : null,
            Details = before is null ? null : EventChangeDescription.Describe(before, plan.Applied),
            PropagationMs = auditor.PropagationSince(remote.Updated),
        }, attempt.StartedAt);
    }

    /// <summary>The mapping write of a change: an update at the version read, or an insert (version 1).</summary>
    private static MappingWrite Write(CalendarSyncMapping? read, CalendarSyncMapping row) =>
        new(row.UserId, row.FinancialEventId, read?.Version, DeleteFirst: false, row with { Version = (read?.Version ?? 0) + 1 });

    private sealed record Pending(SyncAttempt Attempt, InboundDecision Decision, RemoteApplication? Plan, CalendarSyncMapping Mapping);
}
