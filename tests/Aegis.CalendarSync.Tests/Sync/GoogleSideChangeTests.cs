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

    public static TheoryData<ConflictStrategy, bool> Cases()
    {
        var data = new TheoryData<ConflictStrategy, bool>();
        foreach (var strategy in Enum.GetValues<ConflictStrategy>())
        {
            data.Add(strategy, true);
            data.Add(strategy, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
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
    [MemberData(nameof(Cases))]
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
