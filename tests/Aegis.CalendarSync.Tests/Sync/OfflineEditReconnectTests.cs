using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Clock;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Wallet edits made while Google is disconnected (not merely awaiting Start): the first sync after the
/// reconnect pushes every one of them, a single month of a series as much as a whole event, and the conflict rules still
/// apply where Google changed the same thing meanwhile. Engine + real database + emulator over HTTP, one stopped clock
/// for the wallet and Google moved by the test; subclassed once per engine.</summary>
public abstract class OfflineEditReconnectTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);
    private readonly TestClock _clock = TestClock.SystemShiftedBy(TimeSpan.Zero);
    private SyncHarness _h = null!;

    private IGoogleConnectionService Connection => _h.Services.GetRequiredService<IGoogleConnectionService>();

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(database, new SyncHarnessOptions { SharedClock = _clock });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>The reported defect: August marked paid and a one-off bill's amount changed in the wallet while Google
    /// was disconnected; after the reconnect to the same account and Start, Google shows August paid and the new
    /// amount, written by exactly one patch of August's instance and one write of the bill.</summary>
    [Fact]
    public async Task A_month_and_a_one_off_bill_edited_while_disconnected_reach_google_after_the_reconnect_and_start()
    {
        var (rent, phone, masterId) = await EditWhileDisconnectedAsync(async o =>
        {
            await MonthlyRent.EditAsync(_h, o.Rent.Id, 8, m => m with { Status = OccurrenceStatus.Paid });
            await _h.EditLocallyAsync(o.Phone.Id, e => e with { Amount = 34.5m });
        });

        var august = await _h.Google.GetEventAsync(_h.Account, "primary", MonthlyRent.InstanceId(masterId, 8), Ct);
        Assert.Equal("paid", august.GetPrivateProperty(AegisProperties.Status));
        Assert.Equal("34.5", (await _h.GetRemoteAsync(phone.Id)).GetPrivateProperty(AegisProperties.Amount));
        Assert.Equal(new[] { $"events.patch {MonthlyRent.InstanceId(masterId, 8)}", $"events.update {GoogleEventId.FromFinancialEventId(phone.Id)}" }.Order(), await WritesAsync());
        Assert.Empty(await _h.Queue.ListAsync(_h.UserId, QueueStatus.Failed, 10, Ct));

        // Converged: one more sync lists once and writes nothing.
        var before = await _h.CountsAsync();
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
    }

    /// <summary>A whole series edited while disconnected (the rent's amount raised to 990): after the reconnect and Start
    /// its master is written once, and nothing else (the phone bill, unchanged, is not written).</summary>
    [Fact]
    public async Task A_series_edited_while_disconnected_reaches_google_after_the_reconnect_and_start()
    {
        var (rent, _, _) = await EditWhileDisconnectedAsync(o => _h.EditLocallyAsync(o.Rent.Id, e => e with { Amount = 990m }));

        Assert.Equal("990", (await _h.GetRemoteAsync(rent.Id)).GetPrivateProperty(AegisProperties.Amount));
        Assert.Equal([$"events.update {GoogleEventId.FromFinancialEventId(rent.Id)}"], await WritesAsync());
    }

    /// <summary>While disconnected the wallet marks August paid and raises the phone bill, and later a person in Google
    /// renames August and retitles the phone bill: under last write wins Google's later writes win, the wallet takes them,
    /// each conflict is audited with both versions, and Google's edits are not overwritten (at most put into the wallet's
    /// summary form, as the reconnect preview tests show for a month renamed in Google).</summary>
    [Fact]
    public async Task Later_google_edits_of_what_the_wallet_changed_while_disconnected_win_and_are_not_overwritten()
    {
        var (rent, phone, masterId) = await EditWhileDisconnectedAsync(async o =>
        {
            await MonthlyRent.EditAsync(_h, o.Rent.Id, 8, m => m with { Status = OccurrenceStatus.Paid });
            await _h.EditLocallyAsync(o.Phone.Id, e => e with { Amount = 34.5m });
            _clock.Advance(Step);
            await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", MonthlyRent.InstanceId(o.MasterId, 8), new { summary = "Rent (August, late)" });
            await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(o.Phone.Id), new { summary = "Phone (new plan)" });
        });

        var googleAugust = await _h.Google.GetEventAsync(_h.Account, "primary", MonthlyRent.InstanceId(masterId, 8), Ct);
        Assert.Contains("Rent (August, late)", googleAugust.Summary);
        Assert.NotEqual("paid", googleAugust.GetPrivateProperty(AegisProperties.Status));
        var googlePhone = await _h.GetRemoteAsync(phone.Id);
        Assert.Contains("Phone (new plan)", googlePhone.Summary);
        Assert.Equal("29.9", googlePhone.GetPrivateProperty(AegisProperties.Amount));
        var walletAugust = (await MonthlyRent.OccurrencesAsync(_h, rent.Id))[7];
        Assert.Equal(("Rent (August, late)", OccurrenceStatus.Pending), (walletAugust.Title, walletAugust.Status));
        var walletPhone = (await _h.Events.GetAsync(_h.UserId, phone.Id, Ct))!;
        Assert.Equal(("Phone (new plan)", 29.9m), (walletPhone.Title, walletPhone.Amount));
        var conflicts = (await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Limit: 500), Ct)).Where(a => a.Action == AuditAction.Conflict).ToList();
        Assert.Equal(2, conflicts.Count);
        Assert.All(conflicts, c => Assert.Contains("\"winner\":\"Google\"", c.ConflictDetails));
    }

    /// <summary>The monthly rent and a phone bill synced, then Google disconnected; <paramref name="whileDisconnected"/>
    /// runs one <see cref="Step"/> later; one <see cref="Step"/> after it the same account is connected again, Google's
    /// request log cleared, the first sync started and the queue drained.</summary>
    private async Task<Disconnected> EditWhileDisconnectedAsync(Func<Disconnected, Task> whileDisconnected)
    {
        await _h.ConnectAsync();
        var rent = await MonthlyRent.CreateAsync(_h);
        var phone = await _h.CreateEventAsync("Phone", EventType.Bill, 29.9m);
        await _h.DrainQueueAsync();
        var synced = new Disconnected(rent, phone, (await _h.GetRemoteAsync(rent.Id)).Id!);
        await Connection.DisconnectAsync(_h.UserId, Ct);

        _clock.Advance(Step);
        await whileDisconnected(synced);
        _clock.Advance(Step);

        await ReconnectAsync();
        await _h.Admin.ClearRequestsAsync();
        await _h.StartFirstSyncAsync();
        await _h.DrainQueueAsync();
        return synced;
    }

    /// <summary>The events synced before the disconnect, and the Google id of the rent's series.</summary>
    private sealed record Disconnected(FinancialEvent Rent, FinancialEvent Phone, string MasterId);

    /// <summary>Google's writes since the last clear of its request log, as "operation event-id", sorted.</summary>
    private async Task<List<string>> WritesAsync() =>
        (await _h.Admin.GetRequestsAsync())
            .Where(r => r.Operation is "events.insert" or "events.update" or "events.patch" or "events.delete")
            .Select(r => $"{r.Operation} {r.Path[(r.Path.LastIndexOf('/') + 1)..]}").Order().ToList();

    /// <summary>The OAuth connect again over the existing settings (a reconnect to the same account), without Start.</summary>
    private async Task ReconnectAsync()
    {
        var (code, state) = await _h.AuthorizeAsync(await Connection.StartAuthorizationAsync(_h.UserId, SyncHarness.RedirectUri, Ct));
        await Connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct);
        Assert.True((await _h.Settings.GetAsync(_h.UserId, Ct))!.AwaitsStart);
    }
}

public sealed class SqliteOfflineEditReconnectTests(SqliteTestDatabase database) : OfflineEditReconnectTests<SqliteTestDatabase>(database);

public sealed class PostgresOfflineEditReconnectTests(PostgresTestDatabase database) : OfflineEditReconnectTests<PostgresTestDatabase>(database);
