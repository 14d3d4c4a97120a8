using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Sql;
using Aegis.CalendarSync.Testing.Statements;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>What the changes of a full sync cost the database (issue 12), counted statement by statement through the
/// engine's own connections (real database, events created by a person in the emulator, listed over HTTP): a page's
/// imports and Google edits are written as one transaction of multi-row statements, whatever their number, each change
/// still audited; a wallet edit among them is decided on its own by last-write-wins; a wallet write that lands between
/// the page's reads and its write makes nothing be written over it.</summary>
public abstract class FullSyncChangeCostTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private const int Events = 500;
    private const int Pages = 2; // ListPageSize 250
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_pages_imports_and_Google_edits_cost_one_transaction_of_three_writes_and_every_change_is_audited()
    {
        var statements = new StatementCounter();
        await using var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions { Statements = statements });
        await h.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: true);
        await h.DrainQueueAsync();
        var created = await PersonEvents.CreateAsync(h.Admin, SyncHarness.Email, "primary", Events, Ct);
        var start = DateTimeOffset.UtcNow;

        var import = await CountAsync(statements, () => h.Sync.FullSyncAsync(h.UserId, Ct));
        var unchanged = await CountAsync(statements, () => h.Sync.FullSyncAsync(h.UserId, Ct));

        // Against the same sync with nothing to change: per page one more read (the mappings of the new events' ids)
        // and one transaction of three INSERTs (events, mappings, audit rows).
        Assert.Equal((4L * Pages, 3L * Pages, 1L * Pages), (import.Statements - unchanged.Statements, import.Writes - unchanged.Writes,
            import.Commits - unchanged.Commits));
        var imported = await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.SyncFromGoogle, Since: start, Limit: 2 * Events), Ct);
        Assert.Equal(Events, imported.Count);
        Assert.All(imported, a => Assert.Equal(("imported", AuditOutcome.Success), (a.ErrorCode, a.Status)));
        Assert.Equal(Events, imported.Select(a => a.FinancialEventId).Distinct().Count());
        var wallet = await h.Events.ListAsync(h.UserId, new EventQuery(Limit: 2 * Events), Ct);
        Assert.Equal(Enumerable.Range(0, Events).Select(i => $"Bill {i}").Order(), wallet.Select(e => e.Title).Order());
        Assert.All(wallet, e => Assert.Equal(SyncSource.Google, e.SyncSource));

        // Every event renamed by a person in Google: per page one transaction of three writes (events, mappings,
        // audit rows), no read beyond the unchanged sync's.
        var renamedAt = DateTimeOffset.UtcNow;
        for (var i = 0; i < Events; i++)
        {
            await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", created[i], new { summary = $"Invoice {i}" });
        }

        var changed = await CountAsync(statements, () => h.Sync.FullSyncAsync(h.UserId, Ct));
        Assert.Equal((3L * Pages, 3L * Pages, 1L * Pages), (changed.Statements - unchanged.Statements, changed.Writes - unchanged.Writes,
            changed.Commits - unchanged.Commits));
        var edits = await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.SyncFromGoogle, Since: renamedAt, Limit: 2 * Events), Ct);
        Assert.Equal(Events, edits.Count);
        var byEvent = (await h.Mappings.ListAsync(h.UserId, Ct)).ToDictionary(m => m.GoogleEventId);
        for (var i = 0; i < Events; i++)
        {
            var id = byEvent[created[i]].FinancialEventId;
            Assert.Equal($"Invoice {i}", (await h.Events.GetAsync(h.UserId, id, Ct))!.Title);
            var audit = Assert.Single(edits, a => a.FinancialEventId == id);
            Assert.Equal(($"Bill {i}", $"renamed to 'Invoice {i}'", AuditOutcome.Success), (audit.EventTitle, audit.Details, audit.Status));
        }

        // The mappings hold Google's new etags: the next full sync finds nothing to change.
        var after = await CountAsync(statements, () => h.Sync.FullSyncAsync(h.UserId, Ct));
        Assert.Equal((unchanged.Statements, unchanged.Writes, unchanged.Commits), (after.Statements, after.Writes, after.Commits));
    }

    [Fact]
    public async Task A_wallet_edit_among_Google_edits_is_a_conflict_decided_by_last_write_wins_and_the_others_are_written_together()
    {
        var statements = new StatementCounter();
        await using var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions { Statements = statements });
        await h.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: true);
        await h.DrainQueueAsync();
        var created = await PersonEvents.CreateAsync(h.Admin, SyncHarness.Email, "primary", 10, Ct);
        await h.Sync.FullSyncAsync(h.UserId, Ct);
        var byGoogleId = (await h.Mappings.ListAsync(h.UserId, Ct)).ToDictionary(m => m.GoogleEventId, m => m.FinancialEventId);
        var edited = byGoogleId[created[3]];

        // The wallet edits one event first, then a person edits all ten in Google: Google's edit is the later one.
        await h.EditLocallyAsync(edited, e => e with { Title = "Edited in the wallet" });
        for (var i = 0; i < 10; i++)
        {
            await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", created[i], new { summary = $"Google {i}" });
        }

        var since = DateTimeOffset.UtcNow.AddSeconds(-30);
        await h.Sync.FullSyncAsync(h.UserId, Ct);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal($"Google {i}", (await h.Events.GetAsync(h.UserId, byGoogleId[created[i]], Ct))!.Title);
        }

        var conflict = Assert.Single(await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.Conflict, Since: since), Ct));
        Assert.Equal(edited, conflict.FinancialEventId);
        var applied = await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.SyncFromGoogle, Since: since, Limit: 100), Ct);
        Assert.Equal(10, applied.Count(a => a.Status == AuditOutcome.Success && a.ErrorCode is null));
    }

    [Fact]
    public async Task A_wallet_write_between_the_pages_reads_and_its_write_is_never_overwritten_and_wins_by_its_later_clock()
    {
        var statements = new StatementCounter();
        WalletEditBeforeFirstWrite? interleaving = null;
        await using var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            Statements = statements,
            ConfigureServices = services =>
            {
                services.AddSingleton<SqlInboundPageStore>();
                services.AddSingleton<IInboundPageStore>(sp => interleaving = new WalletEditBeforeFirstWrite(
                    sp.GetRequiredService<SqlInboundPageStore>(), sp.GetRequiredService<IFinancialEventStore>()));
            },
        });
        await h.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: true);
        await h.DrainQueueAsync();
        var created = await PersonEvents.CreateAsync(h.Admin, SyncHarness.Email, "primary", 10, Ct);
        await h.Sync.FullSyncAsync(h.UserId, Ct);
        var byGoogleId = (await h.Mappings.ListAsync(h.UserId, Ct)).ToDictionary(m => m.GoogleEventId, m => m.FinancialEventId);
        for (var i = 0; i < 10; i++)
        {
            await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", created[i], new { summary = $"Google {i}" });
        }

        // The page is read and decided (ten uncontested Google edits); before its write the wallet edits event 3.
        var edited = byGoogleId[created[3]];
        var since = DateTimeOffset.UtcNow.AddSeconds(-30);
        interleaving!.Arm(h.UserId, edited, "Edited in the wallet meanwhile");
        await h.Sync.FullSyncAsync(h.UserId, Ct);

        Assert.True(interleaving.Fired);
        Assert.Equal("Edited in the wallet meanwhile", (await h.Events.GetAsync(h.UserId, edited, Ct))!.Title);
        for (var i = 0; i < 10; i++)
        {
            if (i != 3) Assert.Equal($"Google {i}", (await h.Events.GetAsync(h.UserId, byGoogleId[created[i]], Ct))!.Title);
        }

        Assert.Equal(edited, Assert.Single(await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.Conflict, Since: since), Ct)).FinancialEventId);
        var applied = await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.SyncFromGoogle, Since: since, Limit: 100), Ct);
        var edits = applied.Where(a => a is { Status: AuditOutcome.Success, ErrorCode: null }).ToList();
        Assert.Equal(9, edits.Count);
        Assert.DoesNotContain(edits, a => a.FinancialEventId == edited);

        // The wallet's version reaches Google with its pending push (If-Match on the etag the conflict adopted).
        await h.DrainQueueAsync();
        Assert.Contains("Edited in the wallet meanwhile", (await h.Google.GetEventAsync(h.Account, "primary", created[3], Ct)).Summary);
    }

    private static async Task<StatementCounts> CountAsync(StatementCounter counter, Func<Task> work)
    {
        var before = counter.Snapshot();
        await work();
        return counter.Snapshot() - before;
    }

    /// <summary>The page store, with one wallet edit made just before its first write once armed (the interleaving of
    /// a person saving in the app while the sync is between its reads and its write).</summary>
    private sealed class WalletEditBeforeFirstWrite(IInboundPageStore inner, IFinancialEventStore events) : IInboundPageStore
    {
        private (Guid User, Guid Event, string Title)? _armed;

        public bool Fired { get; private set; }

        public void Arm(Guid userId, Guid eventId, string title) => _armed = (userId, eventId, title);

        public async Task<bool> WriteAsync(InboundPageWrite page, CancellationToken ct)
        {
            if (_armed is { } edit)
            {
                _armed = null;
                var current = (await events.GetAsync(edit.User, edit.Event, ct))!;
                Assert.True(await events.UpdateAsync(current with { Title = edit.Title, SyncSource = SyncSource.Aegis }, ct));
                Fired = true;
            }

            return await inner.WriteAsync(page, ct);
        }
    }
}

public sealed class SqliteFullSyncChangeCostTests(SqliteTestDatabase database) : FullSyncChangeCostTests<SqliteTestDatabase>(database);

public sealed class PostgresFullSyncChangeCostTests(PostgresTestDatabase database) : FullSyncChangeCostTests<PostgresTestDatabase>(database);
