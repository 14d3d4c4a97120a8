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
        await _h.ConnectAsync();
        var rent = await MonthlyRent.CreateAsync(_h);
        var phone = await _h.CreateEventAsync("Phone", EventType.Bill, 29.9m);
        await _h.DrainQueueAsync();
        var masterId = (await _h.GetRemoteAsync(rent.Id)).Id!;
        await Connection.DisconnectAsync(_h.UserId, Ct);

        _clock.Advance(Step);
        await MonthlyRent.EditAsync(_h, rent.Id, 8, o => o with { Status = OccurrenceStatus.Paid });
        await _h.EditLocallyAsync(phone.Id, e => e with { Amount = 34.5m });
        _clock.Advance(Step);

        await ReconnectAsync();
        await _h.Admin.ClearRequestsAsync();
        await _h.StartFirstSyncAsync();
        await _h.DrainQueueAsync();

        var august = await _h.Google.GetEventAsync(_h.Account, "primary", MonthlyRent.InstanceId(masterId, 8), Ct);
        Assert.Equal("paid", august.GetPrivateProperty(AegisProperties.Status));
        Assert.Equal("34.5", (await _h.GetRemoteAsync(phone.Id)).GetPrivateProperty(AegisProperties.Amount));
        var writes = (await _h.Admin.GetRequestsAsync())
            .Where(r => r.Operation is "events.insert" or "events.update" or "events.patch" or "events.delete")
            .Select(r => $"{r.Operation} {r.Path[(r.Path.LastIndexOf('/') + 1)..]}").Order().ToList();
        Assert.Equal(new[] { $"events.patch {MonthlyRent.InstanceId(masterId, 8)}", $"events.update {GoogleEventId.FromFinancialEventId(phone.Id)}" }.Order(), writes);
        Assert.Empty(await _h.Queue.ListAsync(_h.UserId, QueueStatus.Failed, 10, Ct));

        // Converged: one more sync lists once and writes nothing.
        var before = await _h.CountsAsync();
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await _h.CountsAsync()));
    }

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
