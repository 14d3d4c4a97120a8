using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using EmulatorEvent = GoogleCalendarEmulator.Calendar.Model.CalendarEvent;
using EmulatorTime = GoogleCalendarEmulator.Calendar.Model.EventDateTime;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Issue 9: under each of the four strategies, edits and deletions made only in Google reach the wallet
/// with no conflict, for events created in Google and events created in the wallet. Subclassed once per engine.</summary>
public abstract class GoogleSideChangeTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [MemberData(nameof(StrategyCases.EachWithAFlag), MemberType = typeof(StrategyCases))]
    public async Task Google_only_edits_and_the_deletion_reach_the_wallet_without_a_conflict(ConflictStrategy strategy, bool createdInGoogle)
    {
        await using var h = await SyncHarness.StartAsync(database);
        await h.ConnectAsync(strategy);
        var (eventId, googleId) = createdInGoogle ? await CreateInGoogleAsync(h) : await CreateInWalletAsync(h);

        // A plain rename as a person types it (no icon, no amount), then a second one, then a move of the date.
        await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId, new { summary = "Renamed once" });
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();
        Assert.Equal("Renamed once", (await h.Events.GetAsync(h.UserId, eventId, Ct))!.Title);

        await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId, new { summary = "Renamed twice", location = "Lisbon" });
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();
        var renamed = (await h.Events.GetAsync(h.UserId, eventId, Ct))!;
        Assert.Equal("Renamed twice", renamed.Title);
        Assert.Equal("Lisbon", renamed.Location);

        await h.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", googleId);
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();

        Assert.Null(await h.Events.GetAsync(h.UserId, eventId, Ct));
        Assert.NotNull((await h.Events.GetAsync(h.UserId, eventId, Ct, includeDeleted: true))!.DeletedAt);
        Assert.Empty(await h.Audit.QueryAsync(h.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
        Assert.Empty(await h.Conflicts.ListOpenAsync(h.UserId, Ct));
        Assert.True((await h.Google.GetEventAsync(h.Account, "primary", googleId, Ct)).IsCancelled);
    }

    [Theory]
    [MemberData(nameof(StrategyCases.EachWithAFlag), MemberType = typeof(StrategyCases))]
    public async Task A_google_change_to_fields_aegis_does_not_sync_is_no_conflict_with_a_pending_wallet_edit(
        ConflictStrategy strategy, bool createdInGoogle)
    {
        await using var h = await SyncHarness.StartAsync(database);
        await h.ConnectAsync(strategy);
        var (eventId, googleId) = createdInGoogle ? await CreateInGoogleAsync(h) : await CreateInWalletAsync(h);

        // The wallet edits; before its push, a person adds a reminder in Google (a field Aegis does not sync).
        await h.EditLocallyAsync(eventId, e => e with { Title = "Wallet title" });
        await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId,
            new { reminders = new { useDefault = false, overrides = new[] { new { method = "popup", minutes = 30 } } } });
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();

        Assert.Equal("Wallet title", (await h.Events.GetAsync(h.UserId, eventId, Ct))!.Title);
        Assert.Contains("Wallet title", (await h.Google.GetEventAsync(h.Account, "primary", googleId, Ct)).Summary);
        Assert.Empty(await h.Audit.QueryAsync(h.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
        Assert.Empty(await h.Conflicts.ListOpenAsync(h.UserId, Ct));
    }

    /// <summary>A save that changes nothing is no write (it keeps the wallet's clock): a Google edit made before it
    /// reaches the wallet as any Google-only edit does, with no conflict and no call but the list.</summary>
    [Theory]
    [MemberData(nameof(StrategyCases.EachWithAFlag), MemberType = typeof(StrategyCases))]
    public async Task A_wallet_save_that_changes_nothing_is_no_write_so_an_earlier_google_edit_still_reaches_the_wallet(
        ConflictStrategy strategy, bool createdInGoogle)
    {
        await using var h = await SyncHarness.StartAsync(database);
        await h.ConnectAsync(strategy);
        var (eventId, googleId) = createdInGoogle ? await CreateInGoogleAsync(h) : await CreateInWalletAsync(h);
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);

        await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId, new { summary = "Renamed in Google" });
        var before = await h.CountsAsync();
        await h.EditLocallyAsync(eventId, e => e);
        await h.DrainQueueAsync();
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();

        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await h.CountsAsync()));
        Assert.Equal("Renamed in Google", (await h.Events.GetAsync(h.UserId, eventId, Ct))!.Title);
        Assert.Empty(await h.Audit.QueryAsync(h.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
        Assert.Empty(await h.Conflicts.ListOpenAsync(h.UserId, Ct));
    }

    /// <summary>Last write wins by the recorded clocks (seed eUrJSVaSJFC6 of the convergence property): after a person
    /// renames the event in Google, the wallet marks it paid and back to pending. Its content is the version last
    /// synced, but its writes are later: the wallet's version wins (one conflict, audited) and is written back over
    /// Google's, with one call for an event the wallet made (its push skips as unchanged; the sync that sees Google's
    /// rename writes it); the wallet keeps its title.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Later_wallet_edits_back_to_the_synced_version_win_over_a_google_edit_with_one_call(bool createdInGoogle)
    {
        await using var h = await SyncHarness.StartAsync(database);
        await h.ConnectAsync();
        var (eventId, googleId) = createdInGoogle ? await CreateInGoogleAsync(h) : await CreateInWalletAsync(h);
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        var synced = (await h.Events.GetAsync(h.UserId, eventId, Ct))!;

        await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId, new { summary = "Renamed in Google" });
        var before = await h.CountsAsync();
        await h.EditLocallyAsync(eventId, e => e with { Status = EventStatus.Paid });
        await h.EditLocallyAsync(eventId, e => e with { Status = EventStatus.Pending });
        await h.DrainQueueAsync();
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();

        // An event made in Google holds a person's rendering (no Aegis properties), so the wallet's writes are pushed
        // as for any edit: conditioned on the version last synced, they meet Google's rename (412), read it, and win.
        var expected = createdInGoogle
            ? new Dictionary<string, int> { ["events.get"] = 1, ["events.list"] = 1, ["events.update"] = 2 }
            : new Dictionary<string, int> { ["events.list"] = 1, ["events.update"] = 1 };
        Assert.Equal(expected, SyncHarness.Delta(before, await h.CountsAsync()));
        var local = (await h.Events.GetAsync(h.UserId, eventId, Ct))!;
        Assert.Equal((synced.Title, synced.Status, synced.StartAt), (local.Title, local.Status, local.StartAt));
        var remote = await h.Google.GetEventAsync(h.Account, "primary", googleId, Ct);
        Assert.Equal(new FinancialEventMapper(TimeProvider.System).ToGoogleEvent(synced, googleId)!.Summary, remote.Summary);
        Assert.Single(await h.Audit.QueryAsync(h.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
        Assert.Empty(await h.Conflicts.ListOpenAsync(h.UserId, Ct));

        // Converged: the echo of that write and one more sync change nothing and call nothing but the list.
        var after = await h.CountsAsync();
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(after, await h.CountsAsync()));
    }

    private static async Task<(Guid EventId, string GoogleId)> CreateInGoogleAsync(SyncHarness h)
    {
        var start = DateTimeOffset.UtcNow.Date.AddDays(3);
        var made = await h.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", new EmulatorEvent
        {
            Summary = "Dentist",
            Start = new EmulatorTime { Date = start.ToString("yyyy-MM-dd") },
            End = new EmulatorTime { Date = start.AddDays(1).ToString("yyyy-MM-dd") },
        });
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();
        var mapping = await h.Mappings.GetByGoogleIdAsync(h.UserId, "primary", made.Id!, Ct);
        Assert.NotNull(mapping);
        return (mapping.FinancialEventId, made.Id!);
    }

    private static async Task<(Guid EventId, string GoogleId)> CreateInWalletAsync(SyncHarness h)
    {
        var created = await h.CreateEventAsync("Rent");
        await h.DrainQueueAsync();
        return (created.Id, GoogleEventId.FromFinancialEventId(created.Id));
    }
}

public sealed class SqliteGoogleSideChangeTests(SqliteTestDatabase database) : GoogleSideChangeTests<SqliteTestDatabase>(database);

public sealed class PostgresGoogleSideChangeTests(PostgresTestDatabase database) : GoogleSideChangeTests<PostgresTestDatabase>(database);
