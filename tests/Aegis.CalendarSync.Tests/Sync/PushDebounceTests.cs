using System.Globalization;
using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Connection.Push;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Statements;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The webhook's per-node debounce (<see cref="PushWindows"/>) against the real queue and a real database:
/// pushes within a window cost no database statement and make one incremental sync; a push that arrives while a sync
/// runs, on this node or on another one, makes exactly one more. The wallet's clock is a stopped TestClock; "another
/// node" is the same database claimed and completed directly, without this node's windows knowing.</summary>
public abstract class PushDebounceTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private readonly StatementCounter _statements = new();

    [Fact]
    public async Task Pushes_within_a_window_cost_no_statement_after_the_first_and_make_one_incremental_sync()
    {
        await using var h = await StartAsync();
        var channel = await ConnectedChannelAsync(h);

        var before = _statements.Snapshot();
        Assert.Equal(PushOutcome.Enqueued, await Handler(h).HandleAsync(Push(channel, 100), Ct));
        // The window's first push reads the channel (filling the cache; one statement outside a transaction) and
        // writes its message number and the coalesced item in one transaction: one commit, two connections.
        var first = _statements.Snapshot() - before;
        Assert.Equal((1L, 1L, 2L), (first.Commits, first.Autocommits, first.Connections));
        var afterFirst = _statements.Snapshot();
        for (var n = 101; n < 150; n++)
        {
            Assert.Equal(PushOutcome.Enqueued, await Handler(h).HandleAsync(Push(channel, n), Ct));
        }

        Assert.Equal(StatementCounts.None, _statements.Snapshot() - afterFirst);
        Assert.Equal(PushOutcome.DuplicateMessage, await Handler(h).HandleAsync(Push(channel, 120), Ct));
        Assert.Equal(StatementCounts.None, _statements.Snapshot() - afterFirst);

        _clock.Advance(Window);
        Assert.Equal(1, await h.DrainQueueAsync());
        // The sync this node ran started after all 50 pushes: nothing is left to write.
        Assert.Equal(0, await Windows(h).FlushDueAsync(Ct));
        _clock.Advance(Window);
        Assert.Equal(0, await Windows(h).FlushDueAsync(Ct));
        Assert.Equal(0, await h.DrainQueueAsync());
        Assert.Single(await IncrementalSyncsAsync(h));
    }

    [Fact]
    public async Task A_push_absorbed_here_while_another_node_runs_the_sync_leads_to_exactly_one_more_sync()
    {
        await using var h = await StartAsync();
        var channel = await ConnectedChannelAsync(h);
        Assert.Equal(PushOutcome.Enqueued, await Handler(h).HandleAsync(Push(channel, 100), Ct));

        // Another node: a sync of the channel's calendar brought forward ("Sync now" of that calendar), which that node
        // claims and starts at once.
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        await h.Queue.EnqueueFromGoogleAsync(h.UserId, QueueAction.IncrementalSync, channel.CalendarId, QueueDebounce.None, Ct);
        var running = Assert.Single(await h.Queue.ClaimAsync(10, Lease, Ct));

        // Pushes reach this node while it runs: this node's window is still open, so they cost nothing now.
        var mark = _statements.Snapshot();
        for (var n = 101; n < 121; n++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            Assert.Equal(PushOutcome.Enqueued, await Handler(h).HandleAsync(Push(channel, n), Ct));
        }

        Assert.Equal(StatementCounts.None, _statements.Snapshot() - mark);
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        Assert.True(await h.Queue.CompleteAsync(running.Id, running.LeaseId!.Value, Ct));
        Assert.Empty(await PendingAsync(h));

        // The window ends (300 ms after the first push): its pushes are written once, after they arrived, so one
        // more sync follows the one that ran.
        Assert.Equal(0, await Windows(h).FlushDueAsync(Ct));
        _clock.Advance(Window - TimeSpan.FromMilliseconds(210));
        mark = _statements.Snapshot();
        Assert.Equal(1, await Windows(h).FlushDueAsync(Ct));
        // The flush writes the window's message number and its enqueue in one transaction.
        var flush = _statements.Snapshot() - mark;
        Assert.Equal((1L, 0L, 1L), (flush.Commits, flush.Autocommits, flush.Connections));
        Assert.Single(await PendingAsync(h));
        _clock.Advance(Window);
        Assert.Equal(1, await h.DrainQueueAsync());
        Assert.Equal(0, await Windows(h).FlushDueAsync(Ct));
        Assert.Empty(await PendingAsync(h));
        Assert.Equal(2, (await IncrementalSyncsAsync(h)).Count);
    }

    [Fact]
    public async Task A_push_during_a_sync_this_node_runs_leads_to_exactly_one_more_sync()
    {
        await using var h = await StartAsync();
        var channel = await ConnectedChannelAsync(h);
        Assert.Equal(PushOutcome.Enqueued, await Handler(h).HandleAsync(Push(channel, 100), Ct));
        _clock.Advance(Window);
        var running = Assert.Single(await h.Queue.ClaimAsync(10, Lease, Ct));
        // What the work handler does before it runs a from_google item.
        Windows(h).SyncStarting(h.UserId, running.GoogleCalendarId);

        var mark = _statements.Snapshot();
        Assert.Equal(PushOutcome.Enqueued, await Handler(h).HandleAsync(Push(channel, 101), Ct));
        Assert.NotEqual(0, (_statements.Snapshot() - mark).Statements);
        mark = _statements.Snapshot();
        for (var n = 102; n < 120; n++)
        {
            Assert.Equal(PushOutcome.Enqueued, await Handler(h).HandleAsync(Push(channel, n), Ct));
        }

        Assert.Equal(StatementCounts.None, _statements.Snapshot() - mark);
        var followUp = Assert.Single(await PendingAsync(h));
        Assert.NotEqual(running.Id, followUp.Id);

        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        Assert.True(await h.Queue.CompleteAsync(running.Id, running.LeaseId!.Value, Ct));
        _clock.Advance(Window);
        Assert.Equal(1, await h.DrainQueueAsync());
        Assert.Equal(0, await Windows(h).FlushDueAsync(Ct));
        Assert.Empty(await PendingAsync(h));
        Assert.Equal(2, (await IncrementalSyncsAsync(h)).Count);
    }

    [Fact]
    public async Task Sync_now_during_a_push_window_runs_at_once_and_lists_the_calendar_once()
    {
        await using var h = await StartAsync();
        var channel = await ConnectedChannelAsync(h);
        var syncsBefore = (await IncrementalSyncsAsync(h)).Count;
        Assert.Equal(PushOutcome.Enqueued, await Handler(h).HandleAsync(Push(channel, 100), Ct));
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        var before = await h.CountsAsync();

        // The user presses "Sync now" while the push waits for its debounce; the clock does not move.
        Assert.IsType<SyncRequestResult.Enqueued>(await h.Services.GetRequiredService<SyncCommands>()
            .RequestAsync(h.UserId, QueueAction.IncrementalSync, Ct));

        Assert.Equal(1, await h.DrainQueueAsync());
        Assert.Empty(await PendingAsync(h));
        Assert.Equal(syncsBefore + 1, (await IncrementalSyncsAsync(h)).Count);
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await h.CountsAsync()));
        // The sync started after the push: the window closed with nothing left to write.
        _clock.Advance(Window);
        Assert.Equal(0, await Windows(h).FlushDueAsync(Ct));
        Assert.Equal(0, await h.DrainQueueAsync());
    }

    [Fact]
    public async Task A_full_resync_during_a_push_window_runs_at_once()
    {
        await using var h = await StartAsync();
        var channel = await ConnectedChannelAsync(h);
        var fullSyncs = new AuditQuery(AuditAction.FullSync, AuditOutcome.Success);
        var fullBefore = (await h.Audit.QueryAsync(h.UserId, fullSyncs, Ct)).Count;
        Assert.Equal(PushOutcome.Enqueued, await Handler(h).HandleAsync(Push(channel, 100), Ct));

        Assert.IsType<SyncRequestResult.Enqueued>(await h.Services.GetRequiredService<SyncCommands>()
            .RequestAsync(h.UserId, QueueAction.FullSync, Ct));

        // The push item (now due) and the full resync behind it, with the clock stopped.
        Assert.Equal(2, await h.DrainQueueAsync());
        Assert.Empty(await PendingAsync(h));
        Assert.Equal(fullBefore + 1, (await h.Audit.QueryAsync(h.UserId, fullSyncs, Ct)).Count);
    }

    private Task<SyncHarness> StartAsync() =>
        SyncHarness.StartAsync(database, new SyncHarnessOptions { Clock = _clock, Statements = _statements });

    private static async Task<CalendarSyncSettings> ConnectedChannelAsync(SyncHarness h)
    {
        await h.ConnectAsync();
        await h.DrainQueueAsync();
        return (await h.Settings.GetAsync(h.UserId, Ct))!;
    }

    private static PushNotificationHandler Handler(SyncHarness h) => h.Services.GetRequiredService<PushNotificationHandler>();

    private static PushWindows Windows(SyncHarness h) => h.Services.GetRequiredService<PushWindows>();

    private static async Task<IReadOnlyList<SyncQueueItem>> PendingAsync(SyncHarness h) =>
        (await h.Queue.ListAsync(h.UserId, QueueStatus.Pending, 100, Ct)).ToList();

    private static async Task<IReadOnlyList<AuditEntry>> IncrementalSyncsAsync(SyncHarness h) =>
        await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.IncrementalSync, AuditOutcome.Success), Ct);

    private static PushNotification Push(CalendarSyncSettings channel, long messageNumber) =>
        new(channel.GoogleChannelId, channel.WebhookSecret, channel.GoogleResourceId, "exists",
            messageNumber.ToString(CultureInfo.InvariantCulture));
}

public sealed class SqlitePushDebounceTests(SqliteTestDatabase database) : PushDebounceTests<SqliteTestDatabase>(database);

public sealed class PostgresPushDebounceTests(PostgresTestDatabase database) : PushDebounceTests<PostgresTestDatabase>(database);
