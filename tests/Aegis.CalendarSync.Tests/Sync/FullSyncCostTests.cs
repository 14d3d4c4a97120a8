using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Testing.Statements;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>What a full sync costs the database, counted statement by statement through the engine's own
/// connections (real database, 1,000 events imported from the emulator over HTTP): an unchanged event costs no
/// statement of its own and no write (each listed page costs two reads: its mappings and their wallet events), and
/// a change among them is still applied and audited.</summary>
public abstract class FullSyncCostTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private const int Events = 1_000;
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Unchanged_events_cost_two_reads_per_page_and_no_write_and_a_change_among_them_is_applied_and_audited()
    {
        var statements = new StatementCounter();
        await using var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions { Statements = statements });
        await h.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: true);
        await h.DrainQueueAsync();
        var created = await PersonEvents.CreateAsync(h.Admin, SyncHarness.Email, "primary", Events, Ct);
        await h.Sync.FullSyncAsync(h.UserId, Ct);
        Assert.Equal(Events, (await h.Events.ListAsync(h.UserId, new EventQuery(Limit: 2 * Events), Ct)).Count);
        var since = DateTimeOffset.UtcNow;

        // 1,000 unchanged events in 4 pages of 250, then in 10 pages of 100: five writes per sync (the sync token and the
        // times of the sync, each an UPDATE of both calendar tables (the first calendar's row in calendar_sync_settings,
        // further calendars' in calendar_sync_calendars: one of the two matches), and its one audit row) and each page
        // costs exactly its two reads, plus on PostgreSQL the one reservation on the account's and the project's shared Google budgets that every
        // API call (here: each page's list) makes.
        var budget = h.StoreProvider == "postgres" ? 1 : 0;
        var options = h.Services.GetRequiredService<IOptions<SyncEngineOptions>>().Value;
        var fourPages = await CountAsync(statements, () => h.Sync.FullSyncAsync(h.UserId, Ct));
        options.ListPageSize = 100;
        var tenPages = await CountAsync(statements, () => h.Sync.FullSyncAsync(h.UserId, Ct));
        Assert.Equal(5 + 4 * budget, fourPages.Writes);
        Assert.Equal(5 + 10 * budget, tenPages.Writes);
        Assert.Equal(fourPages.Commits, tenPages.Commits);
        Assert.Equal((2 + budget) * (10 - 4), tenPages.Statements - fourPages.Statements);
        Assert.True(fourPages.Statements < Events / 10, $"{fourPages.Statements} statements for {Events} unchanged events");
        Assert.Empty(await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.SyncFromGoogle, Since: since), Ct));
        Assert.Equal(2, (await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.FullSync, Since: since), Ct)).Count);

        // One event changed by a person in Google among the 999 others: applied to the wallet and audited, alone.
        var changed = created[Events / 2];
        await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", changed, new { summary = "Renamed in Google" });
        var withChange = await CountAsync(statements, () => h.Sync.FullSyncAsync(h.UserId, Ct));
        var mapping = (await h.Mappings.GetByGoogleIdAsync(h.UserId, "primary", changed, Ct))!;
        Assert.Equal("Renamed in Google", (await h.Events.GetAsync(h.UserId, mapping.FinancialEventId, Ct))!.Title);
        var audited = Assert.Single(await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.SyncFromGoogle, Since: since), Ct));
        Assert.Equal((mapping.FinancialEventId, AuditOutcome.Success), (audited.FinancialEventId!.Value, audited.Status));
        Assert.True(withChange.Writes > tenPages.Writes);
        Assert.True(withChange.Statements - tenPages.Statements < 20, $"{withChange.Statements - tenPages.Statements} statements for one change");
    }

    private static async Task<StatementCounts> CountAsync(StatementCounter counter, Func<Task> work)
    {
        var before = counter.Snapshot();
        await work();
        return counter.Snapshot() - before;
    }
}

public sealed class SqliteFullSyncCostTests(SqliteTestDatabase database) : FullSyncCostTests<SqliteTestDatabase>(database);

public sealed class PostgresFullSyncCostTests(PostgresTestDatabase database) : FullSyncCostTests<PostgresTestDatabase>(database);
