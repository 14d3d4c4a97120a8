using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Push;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync.Convergence;

/// <summary>Quiescence and the convergence properties of one case (see <see cref="ConvergencePropertyTests{TDatabase}"/>
/// for their definitions). Every violation is collected, then the case fails once naming all of them.</summary>
internal sealed class ConvergenceChecks(SyncHarness h, TestClock clock, EngineWebhook receiver, ConvergenceCase run)
{
    /// <summary>Rounds of the engine allowed to reach quiescence once the faults stop.</summary>
    public const int MaxQuiescenceRounds = 6;

    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan RoundTime = TimeSpan.FromMinutes(10);
    private readonly List<string> _violations = [];

    private FinancialEventMapper Mapper => h.Services.GetRequiredService<FinancialEventMapper>();
    private OccurrenceMapper OccurrenceMapper => h.Services.GetRequiredService<OccurrenceMapper>();

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>The faults stop; then rounds of (clock +10 min so every retry is due, pushes delivered, queue drained,
    /// an incremental sync, queue drained) until a round leaves nothing pending and calls nothing but events.list
    /// (and a token refresh).</summary>
    public async Task QuiesceAsync()
    {
        await h.Admin.ClearFaultsAsync(Ct);
        await h.Admin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Normal), Ct);
        IReadOnlyDictionary<string, int> calls = new Dictionary<string, int>();
        for (var round = 0; round < MaxQuiescenceRounds; round++)
        {
            clock.Advance(RoundTime);
            var before = await h.CountsAsync();
            await run.DeliverAndDrainAsync();
            await h.Queue.EnqueueFromGoogleAsync(h.UserId, QueueAction.IncrementalSync, Ct);
            await run.DeliverAndDrainAsync();
            calls = SyncHarness.Delta(before, await h.CountsAsync());
            var pending = await h.Queue.ListAsync(h.UserId, QueueStatus.Pending, 10, Ct);
            if (pending.Count == 0 && calls.Keys.All(op => op is "events.list" or "oauth.token"))
            {
                return;
            }
        }

        _violations.Add($"no quiescence after {MaxQuiescenceRounds} rounds; the last one called {Describe(calls)}");
    }

    /// <summary>No loop: once quiet, the queue makes no call at all, and one more incremental sync makes exactly one
    /// events.list and causes no further call.</summary>
    public async Task CheckNoLoopAsync()
    {
        var before = await h.CountsAsync();
        await run.DeliverAndDrainAsync();
        var queueCalls = SyncHarness.Delta(before, await h.CountsAsync());
        if (queueCalls.Count > 0)
        {
            _violations.Add($"loop: after quiescence the queue still called {Describe(queueCalls)}");
        }

        before = await h.CountsAsync();
        await h.Queue.EnqueueFromGoogleAsync(h.UserId, QueueAction.IncrementalSync, Ct);
        await run.DeliverAndDrainAsync();
        await run.DeliverAndDrainAsync();
        var syncCalls = SyncHarness.Delta(before, await h.CountsAsync());
        if (!(syncCalls.Count == 1 && syncCalls.GetValueOrDefault("events.list") == 1))
        {
            _violations.Add($"loop: one more incremental sync called {Describe(syncCalls)} (expected events.list once)");
        }
    }

    public async Task CheckStateAsync()
    {
        var failed = await h.Queue.ListAsync(h.UserId, QueueStatus.Failed, 50, Ct);
        _violations.AddRange(failed.Select(f => $"dead letter: {f.Action} {f.FinancialEventId}: {f.LastError}"));
        var inboundFailures = await h.Services.GetRequiredService<IInboundFailureStore>().ListAsync(h.UserId, Ct);
        _violations.AddRange(inboundFailures.Select(f => $"inbound failure: {f.GoogleEventId}: {f.Reason}"));
        var conflicts = await h.Conflicts.ListOpenAsync(h.UserId, Ct);
        _violations.AddRange(conflicts.Select(c => $"open conflict under last-write-wins: {c.FinancialEventId}"));
        if (receiver.Failure is { } pushFailure)
        {
            _violations.Add($"webhook failed: {pushFailure.Message}");
        }

        var wallet = (await h.Events.ListAsync(h.UserId, new EventQuery(Limit: 500), Ct)).ToDictionary(e => e.Id);
        var google = (await h.Admin.ListEventsAsPersonAsync(SyncHarness.Email, ConvergenceCase.Calendar, Ct)).Items
            .Select(ConvergenceCase.ToEngine).ToList();
        var pairs = await CheckOneToOneAsync(wallet, google);
        CheckSameContent(pairs);
        CheckLastWriteWins(wallet, google);
        foreach (var (local, remote) in pairs.Where(p => RecurrenceLines.IsRecurring(p.Local.Recurrence)))
        {
            await CheckOccurrencesAsync(local, remote);
        }
    }

    /// <summary>No duplicates: every live Google event maps to one live wallet event and the other way round.</summary>
    private async Task<List<(FinancialEvent Local, GoogleEvent Remote)>> CheckOneToOneAsync(
        IReadOnlyDictionary<Guid, FinancialEvent> wallet, IReadOnlyList<GoogleEvent> google)
    {
        var pairs = new List<(FinancialEvent, GoogleEvent)>();
        var paired = new HashSet<Guid>();
        foreach (var remote in google)
        {
            var mapping = await h.Mappings.GetByGoogleIdAsync(h.UserId, ConvergenceCase.Calendar, remote.Id!, Ct)
                ?? await h.Mappings.GetByGoogleIdAsync(h.UserId, SyncHarness.Email, remote.Id!, Ct);
            if (mapping is null || !wallet.TryGetValue(mapping.FinancialEventId, out var local))
            {
                _violations.Add($"Google event {remote.Id} \"{remote.Summary}\" has no live wallet event");
                continue;
            }

            if (!paired.Add(local.Id))
            {
                _violations.Add($"duplicate: wallet event {local.Id} \"{local.Title}\" has a second Google event {remote.Id}");
                continue;
            }

            pairs.Add((local, remote));
        }

        foreach (var local in wallet.Values.Where(l => !paired.Contains(l.Id)))
        {
            _violations.Add($"wallet event {local.Id} {EventContent.Of(local)} has no live Google event");
        }

        return pairs;
    }

    /// <summary>Same content both sides: the Google event reads (as an import would read it) as the wallet event.</summary>
    private void CheckSameContent(IEnumerable<(FinancialEvent Local, GoogleEvent Remote)> pairs)
    {
        foreach (var (local, remote) in pairs)
        {
            var ours = EventContent.Of(local);
            var theirs = EventContent.Of(remote, Mapper);
            if (ours != theirs)
            {
                _violations.Add($"sides differ for {local.Id}: wallet {ours}, Google {theirs}");
            }
        }
    }

    /// <summary>No lost edit, nothing deleted that the user did not delete, nothing invented: each event is what its
    /// last write (by the recorded clocks) made it, on both sides.</summary>
    private void CheckLastWriteWins(IReadOnlyDictionary<Guid, FinancialEvent> wallet, IReadOnlyList<GoogleEvent> google)
    {
        foreach (var tracked in run.Events)
        {
            var last = tracked.LastWrite;
            var local = wallet.GetValueOrDefault(tracked.WalletId);
            var inGoogle = google.Any(g => g.Id == tracked.GoogleId);
            if (last.After is null)
            {
                if (local is not null || inGoogle)
                {
                    _violations.Add($"#{run.Events.IndexOf(tracked)}: its last write ({last.Side}, {last.Step}) deleted it, but it is live" +
                        $"{(local is null ? "" : " in the wallet")}{(inGoogle ? " in Google" : "")}");
                }

                continue;
            }

            if (local is null)
            {
                _violations.Add($"#{run.Events.IndexOf(tracked)}: deleted or missing in the wallet although its last write ({last.Side}, {last.Step}) was {last.After}");
            }
            else if (EventContent.Of(local) != last.After)
            {
                _violations.Add($"#{run.Events.IndexOf(tracked)}: lost edit: the wallet holds {EventContent.Of(local)}, " +
                    $"its last write ({last.Side}, {last.Step}) was {last.After}");
            }
        }

        var expected = run.Events.Select(t => t.WalletId).ToHashSet();
        foreach (var invented in wallet.Values.Where(l => !expected.Contains(l.Id)))
        {
            _violations.Add($"invented: wallet event {invented.Id} {EventContent.Of(invented)} was created by nobody");
        }
    }

    /// <summary>Occurrences: each of the wallet's occurrences is its Google instance (a skipped one has none, a paid
    /// one is paid there, same title, amount and dates), and each occurrence's status is the one its last
    /// occurrence write (by the recorded clocks) set.</summary>
    private async Task CheckOccurrencesAsync(FinancialEvent series, GoogleEvent master)
    {
        var overrides = await h.Services.GetRequiredService<IOccurrenceStore>().ListAsync(h.UserId, series.Id, Ct);
        var occurrences = OccurrenceExpander.Expand(series, overrides, series.StartAt.AddDays(-1), series.StartAt.AddYears(2));
        var page = await h.Google.ListEventsAsync(h.Account, ConvergenceCase.Calendar, new ListEventsRequest
        {
            SingleEvents = true, TimeMin = series.StartAt.AddDays(-40), TimeMax = series.StartAt.AddYears(2), MaxResults = 2500,
        }, Ct);
        var instances = page.Items.Where(i => i.RecurringEventId == master.Id && !i.IsCancelled)
            .ToDictionary(i => i.OriginalStartTime!.Date?.ToDateTime(TimeOnly.MinValue) is { } d ? new DateTimeOffset(d, TimeSpan.Zero) : i.OriginalStartTime.DateTime!.Value);
        var tracked = run.Events.Single(t => t.WalletId == series.Id);
        foreach (var occurrence in occurrences)
        {
            var index = run.Events.IndexOf(tracked);
            var month = (occurrence.OriginalStart.Year - tracked.FirstDay.Year) * 12 + occurrence.OriginalStart.Month - tracked.FirstDay.Month;
            var instance = instances.GetValueOrDefault(occurrence.OriginalStart);
            if (occurrence.Status == OccurrenceStatus.Skipped)
            {
                if (instance is not null)
                {
                    _violations.Add($"#{index} occurrence {month}: skipped in the wallet, live in Google \"{instance.Summary}\"");
                }
            }
            else if (instance is null)
            {
                _violations.Add($"#{index} occurrence {month}: {occurrence.Status} in the wallet, no instance in Google");
            }
            else
            {
                var ours = EventContent.Of(OccurrenceMapper.ToInstance(series, master.Id!, occurrence)!, Mapper);
                var theirs = EventContent.Of(instance, Mapper);
                if (ours != theirs)
                {
                    _violations.Add($"#{index} occurrence {month} differs: wallet {ours}, Google {theirs}");
                }
            }

            if (tracked.OccurrenceWrites.GetValueOrDefault(month) is { Count: > 0 } writes && writes.MaxBy(w => w.At) is { } last
                && last.After != occurrence.Status)
            {
                _violations.Add($"#{index} occurrence {month}: lost edit: {occurrence.Status} in the wallet, its last write ({last.Side}, {last.Step}) made it {last.After}");
            }
        }
    }

    private static string Describe(IReadOnlyDictionary<string, int> calls) =>
        calls.Count == 0 ? "nothing" : string.Join(", ", calls.OrderBy(c => c.Key).Select(c => $"{c.Key} x{c.Value}"));
}
