using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Application.Events;
using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Issue 9, deletion safety: a deletion from Google lands in the Trash and restores back into Google; a mass
/// delete is held until the user decides; a reconnect (empty calendar, new connection) never deletes wallet records.
/// Engine + real database + emulator over HTTP; subclassed once per engine.</summary>
public abstract class DeletionSafetyTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(database);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private EventCommands EventCommands => _h.Services.GetRequiredService<EventCommands>();
    private HeldDeletionCommands Held => _h.Services.GetRequiredService<HeldDeletionCommands>();

    [Fact]
    public async Task Google_deletion_moves_the_event_to_the_trash_and_restoring_puts_it_back_in_google()
    {
        await _h.ConnectAsync();
        var bill = await _h.CreateEventAsync("Electricity", EventType.Bill, 84.20m);
        await _h.DrainQueueAsync();
        var googleId = GoogleEventId.FromFinancialEventId(bill.Id);

        await _h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", googleId);
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);

        Assert.Null(await _h.Events.GetAsync(_h.UserId, bill.Id, Ct));
        var trash = await EventCommands.ListTrashAsync(_h.UserId, 100, Ct);
        var trashed = Assert.Single(trash);
        Assert.Equal(bill.Id, trashed.Id);
        Assert.Equal(SyncSource.Google, trashed.SyncSource);
        Assert.Equal(84.20m, trashed.Amount);

        Assert.IsType<EventCommandResult.Saved>(await EventCommands.RestoreAsync(_h.UserId, bill.Id, Ct));
        await _h.DrainQueueAsync();

        Assert.NotNull(await _h.Events.GetAsync(_h.UserId, bill.Id, Ct));
        Assert.Empty(await EventCommands.ListTrashAsync(_h.UserId, 100, Ct));
        var remote = await _h.GetRemoteAsync(bill.Id);
        Assert.False(remote.IsCancelled);
        Assert.Contains("Electricity", remote.Summary);
        Assert.Single(await _h.ListRemoteAsync(), e => e.Id == googleId);

        // Converged: a further sync neither deletes nor re-imports it.
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        Assert.NotNull(await _h.Events.GetAsync(_h.UserId, bill.Id, Ct));
        Assert.Equal(0, await _h.DrainQueueAsync());
    }

    [Fact]
    public async Task Trash_purge_removes_only_settled_deletions_older_than_the_cut_off()
    {
        await _h.ConnectAsync();
        var deletedInGoogle = await _h.CreateEventAsync("Phone");
        var deletedHere = await _h.CreateEventAsync("Gym", EventType.Expense, 35m);
        var live = await _h.CreateEventAsync("Rent");
        await _h.DrainQueueAsync();
        await _h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(deletedInGoogle.Id));
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        // Deleted in the wallet, its Google delete still queued: the purge must wait for it.
        Assert.True(await EventCommands.DeleteAsync(_h.UserId, deletedHere.Id, Ct));

        Assert.Equal(0, await _h.Events.PurgeDeletedAsync(DateTimeOffset.UtcNow.AddDays(-1), Ct));
        Assert.Equal(1, await _h.Events.PurgeDeletedAsync(DateTimeOffset.UtcNow.AddDays(1), Ct));

        Assert.Null(await _h.Events.GetAsync(_h.UserId, deletedInGoogle.Id, Ct, includeDeleted: true));
        Assert.NotNull(await _h.Events.GetAsync(_h.UserId, deletedHere.Id, Ct, includeDeleted: true));
        Assert.NotNull(await _h.Events.GetAsync(_h.UserId, live.Id, Ct));

        await _h.DrainQueueAsync();
        Assert.Equal(1, await _h.Events.PurgeDeletedAsync(DateTimeOffset.UtcNow.AddDays(1), Ct));
        Assert.Null(await _h.Events.GetAsync(_h.UserId, deletedHere.Id, Ct, includeDeleted: true));
        Assert.NotNull(await _h.Events.GetAsync(_h.UserId, live.Id, Ct));
    }

    [Fact]
    public async Task Forty_bills_deleted_in_google_are_held_and_nothing_is_deleted_until_the_user_confirms()
    {
        await _h.ConnectAsync();
        var bills = await CreateBillsAsync(40);
        var other = await _h.CreateEventAsync("Salary", EventType.Income, 3200m);
        await _h.DrainQueueAsync();
        foreach (var bill in bills)
        {
            await _h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(bill.Id));
        }

        // The rest of the sync proceeds: an edit made in Google in the same sync is applied.
        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(other.Id),
            new { summary = "Salary (December)" });
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);

        Assert.Equal("Salary (December)", (await _h.Events.GetAsync(_h.UserId, other.Id, Ct))!.Title);
        foreach (var bill in bills)
        {
            Assert.NotNull(await _h.Events.GetAsync(_h.UserId, bill.Id, Ct));
            Assert.NotNull(await _h.Mappings.GetByEventAsync(_h.UserId, bill.Id, Ct));
        }

        var held = await Held.ListAsync(_h.UserId, Ct);
        Assert.Equal(bills.Select(b => b.Id).Order(), held.Select(h => h.Event.Id).Order());
        Assert.Equal(40, (await _h.Services.GetRequiredService<IDashboardReader>().ReadNoticesAsync(_h.UserId, Ct)).HeldDeletions);
        Assert.Contains(await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Action: AuditAction.DeleteFromGoogle), Ct),
            a => a.Status == AuditOutcome.Skipped && a.ErrorCode == "mass_delete_held");

        // Further syncs (incremental and full) neither apply nor re-hold them.
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        await _h.Sync.FullSyncAsync(_h.UserId, Ct);
        Assert.Equal(40, (await Held.ListAsync(_h.UserId, Ct)).Count);
        Assert.Equal(41, (await _h.Events.ListAsync(_h.UserId, new EventQuery(), Ct)).Count);

        Assert.Equal(40, await Held.ConfirmAsync(_h.UserId, Ct));

        Assert.Empty(await Held.ListAsync(_h.UserId, Ct));
        Assert.Equal([other.Id], (await _h.Events.ListAsync(_h.UserId, new EventQuery(), Ct)).Select(e => e.Id));
        Assert.Equal(40, (await EventCommands.ListTrashAsync(_h.UserId, 100, Ct)).Count);
        Assert.Equal(0, await _h.DrainQueueAsync());
    }

    [Fact]
    public async Task Restoring_held_deletions_puts_all_forty_back_in_google()
    {
        await _h.ConnectAsync();
        var bills = await CreateBillsAsync(40);
        await _h.DrainQueueAsync();
        foreach (var bill in bills)
        {
            await _h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(bill.Id));
        }

        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        Assert.Empty(await _h.ListRemoteAsync());
        await _h.Admin.ClearRequestsAsync();

        var result = Assert.IsType<HeldDeletionRestoreResult.Restored>(await Held.RestoreAsync(_h.UserId, Ct));

        Assert.Equal(40, result.Count);
        var remote = await _h.ListRemoteAsync();
        Assert.Equal(bills.Select(b => GoogleEventId.FromFinancialEventId(b.Id)).Order(), remote.Select(e => e.Id!).Order());
        Assert.All(remote, e => Assert.False(e.IsCancelled));
        // Each tombstone revived under its own id by one successful update (a rate-limited attempt is retried);
        // nothing inserted (no duplicate) and nothing deleted.
        var writes = (await _h.Admin.GetRequestsAsync()).Where(r => r.Operation is "events.update" or "events.insert" or "events.delete").ToList();
        Assert.Equal(40, writes.Count(w => w is { Operation: "events.update", Status: 200 }));
        Assert.DoesNotContain(writes, w => w.Operation != "events.update");
        Assert.Empty(await Held.ListAsync(_h.UserId, Ct));
        Assert.Equal(40, (await _h.Events.ListAsync(_h.UserId, new EventQuery(), Ct)).Count);

        // The echo of the restore changes nothing and pushes nothing.
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);
        Assert.Equal(40, (await _h.Events.ListAsync(_h.UserId, new EventQuery(), Ct)).Count);
        Assert.Equal(0, await _h.DrainQueueAsync());
    }

    [Fact]
    public async Task Deletions_within_the_limits_are_applied_into_the_trash()
    {
        await _h.ConnectAsync();
        var bills = await CreateBillsAsync(12);
        await _h.DrainQueueAsync();
        foreach (var bill in bills.Take(10))
        {
            await _h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(bill.Id));
        }

        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);

        Assert.Empty(await Held.ListAsync(_h.UserId, Ct));
        Assert.Equal(2, (await _h.Events.ListAsync(_h.UserId, new EventQuery(), Ct)).Count);
        Assert.Equal(10, (await EventCommands.ListTrashAsync(_h.UserId, 100, Ct)).Count);
    }

    [Fact]
    public async Task Reconnecting_to_an_emptied_calendar_keeps_every_bill_and_pushes_them_back()
    {
        await _h.ConnectAsync();
        var bills = new[]
        {
            await _h.CreateEventAsync("Salary", EventType.Income, 3200m),
            await _h.CreateEventAsync("Electricity", EventType.Bill, 84.20m),
            await _h.CreateEventAsync("Phone", EventType.Bill, 25m),
            await _h.CreateEventAsync("Rent", EventType.Bill, 950m),
        };
        await _h.DrainQueueAsync();

        // A new Google side that knows nothing (the emulator restarted empty), then disconnect and reconnect.
        await _h.Admin.ResetAsync();
        await _h.Services.GetRequiredService<IGoogleConnectionService>().DisconnectAsync(_h.UserId, Ct);
        await ReconnectAsync();

        foreach (var bill in bills)
        {
            Assert.NotNull(await _h.Events.GetAsync(_h.UserId, bill.Id, Ct));
        }

        Assert.Empty(await EventCommands.ListTrashAsync(_h.UserId, 100, Ct));
        var remote = await _h.ListRemoteAsync();
        Assert.Equal(bills.Select(b => GoogleEventId.FromFinancialEventId(b.Id)).Order(), remote.Select(e => e.Id!).Order());
        var settings = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        Assert.All(await _h.Mappings.ListAsync(_h.UserId, Ct), m => Assert.Equal(settings.ConnectionId, m.ConnectionId));
    }

    [Fact]
    public async Task Reconnecting_to_a_calendar_that_still_holds_the_events_adopts_them_without_duplicates()
    {
        await _h.ConnectAsync();
        var bill = await _h.CreateEventAsync("Rent", EventType.Bill, 950m);
        await _h.DrainQueueAsync();

        await _h.Services.GetRequiredService<IGoogleConnectionService>().DisconnectAsync(_h.UserId, Ct);
        await ReconnectAsync();
        // Now deleted in Google under the new connection: a real deletion, into the Trash.
        await _h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(bill.Id));
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);

        Assert.Null(await _h.Events.GetAsync(_h.UserId, bill.Id, Ct));
        Assert.Single(await EventCommands.ListTrashAsync(_h.UserId, 100, Ct));
    }

    [Fact]
    public async Task Reconnecting_with_another_google_account_resets_the_calendar_choice()
    {
        await _h.ConnectAsync();
        var settings = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        Assert.Equal(SyncHarness.Email, settings.GoogleAccountEmail);
        await _h.Settings.SavePreferencesAsync(settings with { CalendarId = "bills-calendar@group.example.com" }, Ct);
        await _h.Services.GetRequiredService<IGoogleConnectionService>().DisconnectAsync(_h.UserId, Ct);

        // The account connected before was another one than the account Google now names.
        await _h.Settings.UpsertAsync((await _h.Settings.GetAsync(_h.UserId, Ct))! with { GoogleAccountEmail = "partner@example.com" }, Ct);
        await ReconnectAsync();

        var after = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        Assert.Equal(SyncHarness.Email, after.GoogleAccountEmail);
        Assert.Equal("primary", after.CalendarId);
        Assert.NotEqual(settings.ConnectionId, after.ConnectionId);
    }

    [Theory]
    [InlineData("Dedicated", true)]
    [InlineData("Primary", true)]
    [InlineData("Dedicated", false)]
    [InlineData("Primary", false)]
    public async Task Reconnecting_with_another_real_google_account_syncs_into_its_default_calendar_and_re_pushes_every_bill(
        string newConnectionCalendar, bool disconnectFirst)
    {
        const string partner = "partner@example.com";
        await using var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            Settings = { ["Connection:NewConnectionCalendar"] = newConnectionCalendar },
        });
        await h.ConnectAsync();
        var bills = new[]
        {
            await h.CreateEventAsync("Rent", EventType.Bill, 950m),
            await h.CreateEventAsync("Salary", EventType.Income, 3200m),
            await h.CreateEventAsync("Phone", EventType.Bill, 25m),
        };
        await h.DrainQueueAsync();
        var before = (await h.Settings.GetAsync(h.UserId, Ct))!;
        var oldCopies = (await h.Admin.ListEventsAsPersonAsync(SyncHarness.Email, before.CalendarId)).Items;
        var connection = h.Services.GetRequiredService<IGoogleConnectionService>();
        if (disconnectFirst) await connection.DisconnectAsync(h.UserId, Ct);

        // The person signs in to Google with another account this time.
        var authorize = await connection.StartAuthorizationAsync(h.UserId, SyncHarness.RedirectUri, Ct);
        var (code, state) = await h.AuthorizeAsync(new Uri(authorize.AbsoluteUri + "&login_hint=" + Uri.EscapeDataString(partner)));
        await connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct);
        await h.DrainQueueAsync();

        var after = (await h.Settings.GetAsync(h.UserId, Ct))!;
        Assert.Equal(partner, after.GoogleAccountEmail);
        var partnerCalendars = await h.Google.ListCalendarsAsync(h.Account, Ct);
        var expectedCalendar = newConnectionCalendar == "Primary"
            ? "primary"
            : Assert.Single(partnerCalendars, c => c.Summary == "Aegis" && c.Primary != true).Id;
        Assert.Equal(expectedCalendar, after.CalendarId);
        if (newConnectionCalendar == "Dedicated") Assert.NotEqual(before.CalendarId, after.CalendarId);
        Assert.Equal(newConnectionCalendar == "Dedicated", after.ImportForeignEvents);
        foreach (var bill in bills)
        {
            Assert.NotNull(await h.Events.GetAsync(h.UserId, bill.Id, Ct));
            var copy = await h.Google.GetEventAsync(h.Account, after.CalendarId, GoogleEventId.FromFinancialEventId(bill.Id), Ct);
            Assert.False(copy.IsCancelled);
            Assert.Equal(bill.Id.ToString(), copy.GetPrivateProperty(AegisProperties.EventId));
        }

        Assert.Empty(await h.Services.GetRequiredService<EventCommands>().ListTrashAsync(h.UserId, 100, Ct));
        Assert.All(await h.Mappings.ListAsync(h.UserId, Ct), m =>
        {
            Assert.Equal(after.ConnectionId, m.ConnectionId);
            Assert.Equal(after.CalendarId, m.GoogleCalendarId);
        });
        Assert.Equal(3, (await h.Mappings.ListAsync(h.UserId, Ct)).Count);
        // The first account's copies are the first account's: the new connection cannot see them and leaves them.
        var oldAfter = (await h.Admin.ListEventsAsPersonAsync(SyncHarness.Email, before.CalendarId)).Items;
        Assert.Equal(oldCopies.Select(e => (e.Id, e.Status)), oldAfter.Select(e => (e.Id, e.Status)));
        // No push channel is left open on either account: the first account's is stopped, the new one is the only one.
        var calls = (await h.Admin.GetRequestsAsync()).Where(r => r.Status < 300).Select(r => r.Operation).ToList();
        Assert.Equal(1, calls.Count(c => c == "events.watch") - calls.Count(c => c == "channels.stop"));
        // The first account's grant is revoked (by the disconnect, or by the reconnect that replaced it): no node keeps
        // acting for it with an access token it still holds.
        Assert.Equal(1, calls.Count(c => c == "oauth.revoke"));
    }

    private async Task ReconnectAsync()
    {
        var connection = _h.Services.GetRequiredService<IGoogleConnectionService>();
        var authorize = await connection.StartAuthorizationAsync(_h.UserId, SyncHarness.RedirectUri, Ct);
        var (code, state) = await _h.AuthorizeAsync(authorize);
        await connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct);
        await _h.DrainQueueAsync();
    }

    private async Task<List<FinancialEvent>> CreateBillsAsync(int count)
    {
        var bills = new List<FinancialEvent>();
        for (var i = 0; i < count; i++)
        {
            bills.Add(await _h.CreateEventAsync($"Bill {i:D2}", EventType.Bill, 10m + i));
        }

        return bills;
    }
}

public sealed class SqliteDeletionSafetyTests(SqliteTestDatabase database) : DeletionSafetyTests<SqliteTestDatabase>(database);

public sealed class PostgresDeletionSafetyTests(PostgresTestDatabase database) : DeletionSafetyTests<PostgresTestDatabase>(database);
