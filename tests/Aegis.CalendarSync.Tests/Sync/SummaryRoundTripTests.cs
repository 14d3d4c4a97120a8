using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Tests.Store;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Issue 9, summary round trip end to end: the amount a person edits in the summary Aegis wrote reaches the
/// wallet, and Google's copy is brought in line; an amount part that does not read keeps the amount, takes the clean
/// title and tells the user. Subclassed once per engine.</summary>
public abstract class SummaryRoundTripTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(database);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task An_amount_edited_in_the_google_summary_reaches_the_wallet_and_google_is_brought_in_line()
    {
        await _h.ConnectAsync();
        var rent = await _h.CreateEventAsync("Rent");
        await _h.DrainQueueAsync();

        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(rent.Id),
            new { summary = "🧾 Rent — 1,500.00 EUR" });
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();

        var local = (await _h.Events.GetAsync(_h.UserId, rent.Id, Ct))!;
        Assert.Equal(("Rent", 1500m), (local.Title, local.Amount));
        var remote = await _h.GetRemoteAsync(rent.Id);
        Assert.Equal("🧾 Rent — 1,500.00 EUR", remote.Summary);
        Assert.Equal("1500", remote.GetPrivateProperty(AegisProperties.Amount));
        Assert.Empty(await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));

        // Converged: the echo of the write-back changes nothing and costs no further call.
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        Assert.Equal(0, (await _h.DrainQueueAsync()));
        Assert.Equal(1500m, (await _h.Events.GetAsync(_h.UserId, rent.Id, Ct))!.Amount);
    }

    [Fact]
    public async Task An_amount_part_that_does_not_read_keeps_the_amount_takes_the_clean_title_and_tells_the_user()
    {
        await _h.ConnectAsync();
        var rent = await _h.CreateEventAsync("Rent");
        await _h.DrainQueueAsync();

        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(rent.Id),
            new { summary = "🧾 Flat rent — 1,5OO EUR" });
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();

        var local = (await _h.Events.GetAsync(_h.UserId, rent.Id, Ct))!;
        Assert.Equal(("Flat rent", 950m), (local.Title, local.Amount));
        var told = Assert.Single(await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Action: AuditAction.SyncFromGoogle), Ct),
            a => a.ErrorCode == SyncStateWriter.SummaryAmountUnreadCode);
        Assert.Contains("1,5OO EUR", told.Details);
        Assert.Equal(rent.Id, told.FinancialEventId);
        // Google shows the amount the wallet holds again.
        Assert.Equal("🧾 Flat rent — 950.00 EUR", (await _h.GetRemoteAsync(rent.Id)).Summary);
    }
}

public sealed class SqliteSummaryRoundTripTests(SqliteTestDatabase database) : SummaryRoundTripTests<SqliteTestDatabase>(database);

public sealed class PostgresSummaryRoundTripTests(PostgresTestDatabase database) : SummaryRoundTripTests<PostgresTestDatabase>(database);
