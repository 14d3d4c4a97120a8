using System.Text.Json;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using GoogleCalendarEmulator.Faults;
using Microsoft.Extensions.DependencyInjection;
using EmulatorEvent = GoogleCalendarEmulator.Calendar.Model.CalendarEvent;
using EmulatorTime = GoogleCalendarEmulator.Calendar.Model.EventDateTime;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The outbound and inbound paths end to end (engine + real database + emulator over HTTP); subclassed once
/// per store engine. API calls are counted in the emulator's request log.</summary>
public abstract class SyncEngineTests<TDatabase>(TDatabase database) : HarnessTests<TDatabase>(database)
    where TDatabase : TestDatabase
{

    [Fact]
    public async Task Wallet_event_and_its_edit_appear_in_google_with_one_call_each()
    {
        await H.ConnectAsync();
        var before = await H.CountsAsync();

        var created = await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        await H.EditLocallyAsync(created.Id, e => e with { Title = "Rent (new landlord)", Amount = 990m });
        await H.DrainQueueAsync();

        var calls = SyncHarness.Delta(before, await H.CountsAsync());
        var remote = await H.GetRemoteAsync(created.Id);
        Assert.Contains("Rent (new landlord)", remote.Summary);
        Assert.Equal("990", remote.GetPrivateProperty(AegisProperties.Amount));
        Assert.Equal(created.Id.ToString(), remote.GetPrivateProperty(AegisProperties.EventId));
        Assert.Equal(new Dictionary<string, int> { ["events.insert"] = 1, ["events.update"] = 1 }, calls);
    }

    [Fact]
    public async Task Google_edit_of_title_and_time_appears_in_the_wallet()
    {
        await H.ConnectAsync();
        var created = await H.CreateEventAsync("Gym membership", EventType.Expense, 35m);
        await H.DrainQueueAsync();
        var remote = await H.GetRemoteAsync(created.Id);
        var newStart = created.StartAt.AddDays(2);

        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", remote.Id!, new
        {
            summary = "Gym (annual)",
            start = new { dateTime = newStart.ToString("O"), timeZone = "Europe/Lisbon" },
            end = new { dateTime = newStart.AddHours(1).ToString("O"), timeZone = "Europe/Lisbon" },
        });
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);

        var local = (await H.Events.GetAsync(H.UserId, created.Id, Ct))!;
        Assert.Equal("Gym (annual)", local.Title);
        Assert.Equal(newStart, local.StartAt);
        Assert.Equal(35m, local.Amount);
        Assert.Equal(SyncSource.Google, local.SyncSource);
        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Pending, 10, Ct));
    }

    [Fact]
    public async Task Event_created_in_google_is_imported_once()
    {
        await H.ConnectAsync();
        var start = DateTimeOffset.UtcNow.Date.AddDays(3);
        var made = await H.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", new EmulatorEvent
        {
            Summary = "Dentist",
            Start = new EmulatorTime { Date = start.ToString("yyyy-MM-dd") },
            End = new EmulatorTime { Date = start.AddDays(1).ToString("yyyy-MM-dd") },
        });

        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);

        var imported = await H.Events.ListAsync(H.UserId, new EventQuery(), Ct);
        var dentist = Assert.Single(imported);
        Assert.Equal("Dentist", dentist.Title);
        Assert.True(dentist.AllDay);
        Assert.Equal(EventType.Reminder, dentist.EventType);
        Assert.NotNull(await H.Mappings.GetByGoogleIdAsync(H.UserId, "primary", made.Id!, Ct));
        Assert.Equal(0, await H.DrainQueueAsync());
    }

    [Fact]
    public async Task Deletion_propagates_from_wallet_to_google_and_from_google_to_wallet()
    {
        await H.ConnectAsync();
        var deletedHere = await H.CreateEventAsync("Old subscription");
        var deletedThere = await H.CreateEventAsync("Cancelled insurance");
        await H.DrainQueueAsync();

        await H.Events.SoftDeleteAsync(H.UserId, deletedHere.Id, SyncSource.Aegis, DateTimeOffset.UtcNow, Ct);
        await H.DrainQueueAsync();
        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(deletedThere.Id));
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);

        Assert.True((await H.GetRemoteAsync(deletedHere.Id)).IsCancelled);
        Assert.Null(await H.Events.GetAsync(H.UserId, deletedThere.Id, Ct));
        Assert.NotNull((await H.Events.GetAsync(H.UserId, deletedThere.Id, Ct, includeDeleted: true))!.DeletedAt);
        Assert.Empty(await H.Mappings.ListAsync(H.UserId, Ct));
        Assert.Equal(0, await H.DrainQueueAsync());
    }

    [Fact]
    public async Task No_loop_when_echoes_return_and_no_call_for_a_no_op_edit()
    {
        await H.ConnectAsync();
        using var skips = new SkipCounter(H.Services.GetRequiredService<SyncTelemetry>());
        var created = await H.CreateEventAsync("Electricity");
        await H.DrainQueueAsync();
        var before = await H.CountsAsync();

        // The echo of our own insert comes back through the incremental list: it must change nothing.
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        var afterEcho = (await H.Events.GetAsync(H.UserId, created.Id, Ct))!;
        // A save that changes nothing: the trigger enqueues, the content hash skips the API call.
        await H.EditLocallyAsync(created.Id, e => e);
        await H.DrainQueueAsync();
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);

        var calls = SyncHarness.Delta(before, await H.CountsAsync());
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 2 }, calls);
        Assert.Equal(created.UpdatedAt, afterEcho.UpdatedAt);
        Assert.Equal(SyncSource.Aegis, afterEcho.SyncSource);
        var skipped = await H.Audit.QueryAsync(H.UserId, new AuditQuery(Status: AuditOutcome.Skipped), Ct);
        // Issue 12: a recognised echo is counted in the metrics, not audited.
        Assert.DoesNotContain(skipped, a => a.ErrorCode == "echo");
        Assert.True(skips.Of("echo") >= 1);
        Assert.Contains(skipped, a => a.ErrorCode == "unchanged");
    }

    [Fact]
    public async Task A_full_sync_audits_one_summary_row_and_a_row_only_for_the_event_that_changed()
    {
        await H.ConnectAsync();
        var unchanged = new[] { await H.CreateEventAsync("Water"), await H.CreateEventAsync("Gas") };
        var edited = await H.CreateEventAsync("Electricity");
        await H.DrainQueueAsync();
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(edited.Id), new { summary = "Power" });
        var before = (await H.Audit.QueryAsync(H.UserId, new AuditQuery(Limit: 1000), Ct)).Select(a => a.Id).ToHashSet();
        using var skips = new SkipCounter(H.Services.GetRequiredService<SyncTelemetry>());

        await H.Sync.FullSyncAsync(H.UserId, Ct);

        var rows = (await H.Audit.QueryAsync(H.UserId, new AuditQuery(Limit: 1000), Ct)).Where(a => !before.Contains(a.Id)).ToList();
        Assert.Equal(
            [(AuditAction.SyncFromGoogle, (Guid?)edited.Id), (AuditAction.FullSync, null)],
            rows.Select(a => (a.Action, a.FinancialEventId)).Order());
        Assert.Equal(unchanged.Length, skips.Of("echo"));
        Assert.Equal("Power", (await H.Events.GetAsync(H.UserId, edited.Id, Ct))!.Title);
    }

    [Fact]
    public async Task Insert_whose_response_is_lost_to_a_timeout_is_retried_without_a_duplicate()
    {
        await using var h = await SyncHarness.StartAsync(Database, new SyncHarnessOptions { Settings = { ["Google:AttemptTimeout"] = "00:00:03" } });
        await h.ConnectAsync();
        // Google commits the insert but the answer never arrives: the client's attempt times out and Polly retries.
        await h.Admin.LoseResponsesAsync(new LostResponseRule(Count: 1, DelayMilliseconds: 120_000, Method: "POST", PathContains: "/events"));
        var before = await h.CountsAsync();

        var created = await h.CreateEventAsync("Car loan");
        await h.DrainQueueAsync();

        var calls = SyncHarness.Delta(before, await h.CountsAsync());
        Assert.Equal(2, calls["events.insert"]);
        Assert.Equal(1, calls["events.get"]);
        Assert.Single(await h.ListRemoteAsync(), r => r.GetPrivateProperty(AegisProperties.EventId) == created.Id.ToString());
        Assert.NotNull(await h.Mappings.GetByEventAsync(h.UserId, created.Id, Ct));
        Assert.Empty(await h.Queue.ListAsync(h.UserId, QueueStatus.Failed, 10, Ct));
    }

    [Fact]
    public async Task Insert_adopts_the_event_google_already_holds_under_the_deterministic_id()
    {
        await H.ConnectAsync();
        var created = await H.CreateEventAsync("Car loan");
        // The first attempt reached Google but its response was lost: Google already holds the deterministic id.
        var desired = H.Services.GetRequiredService<FinancialEventMapper>().ToGoogleEvent(created)!;
        await H.Google.InsertEventAsync(H.Account, "primary", desired, Ct);

        await H.DrainQueueAsync();

        var remote = await H.ListRemoteAsync();
        Assert.Single(remote, r => r.GetPrivateProperty(AegisProperties.EventId) == created.Id.ToString());
        Assert.NotNull(await H.Mappings.GetByEventAsync(H.UserId, created.Id, Ct));
        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
    }

    [Fact]
    public async Task Invalid_sync_token_leads_to_a_full_sync_that_converges()
    {
        await H.ConnectAsync();
        var kept = await H.CreateEventAsync("Salary", EventType.Income, 3000m);
        var removed = await H.CreateEventAsync("Gym");
        await H.DrainQueueAsync();
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);

        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(removed.Id));
        var start = DateTimeOffset.UtcNow.Date.AddDays(1);
        await H.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", new EmulatorEvent
        {
            Summary = "Tax advisor",
            Start = new EmulatorTime { Date = start.ToString("yyyy-MM-dd") },
            End = new EmulatorTime { Date = start.AddDays(1).ToString("yyyy-MM-dd") },
        });
        await H.Admin.InvalidateSyncTokensAsync(SyncHarness.Email);

        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);

        var titles = (await H.Events.ListAsync(H.UserId, new EventQuery(), Ct)).Select(e => e.Title).Order().ToList();
        Assert.Equal(["Salary", "Tax advisor"], titles);
        Assert.NotNull((await H.Settings.GetAsync(H.UserId, Ct))!.SyncToken);
        var audit = await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.IncrementalSync, Status: AuditOutcome.Failed), Ct);
        Assert.Contains(audit, a => a.ErrorCode == "fullSyncRequired");
        Assert.Equal(kept.Title, (await H.Events.GetAsync(H.UserId, kept.Id, Ct))!.Title);
        // Converged: another incremental pass changes nothing.
        var before = await H.CountsAsync();
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await H.CountsAsync()));
    }

    [Theory]
    [InlineData(ConflictStrategy.LastWriteWins, +1, "Google title")]
    [InlineData(ConflictStrategy.LastWriteWins, -1, "Wallet title")]
    [InlineData(ConflictStrategy.GoogleWins, -1, "Google title")]
    [InlineData(ConflictStrategy.LocalWins, +1, "Wallet title")]
    public async Task Concurrent_edits_resolve_per_strategy_and_are_audited_with_both_versions(ConflictStrategy strategy,
        int googleClockAheadSeconds, string expectedTitle)
    {
        // Google's clock runs ahead of (or behind) the wallet's, so its edit is the later (or earlier) write.
        await using var h = await SyncHarness.StartAsync(Database, new SyncHarnessOptions { GoogleClockSkew = TimeSpan.FromSeconds(googleClockAheadSeconds) });
        await h.ConnectAsync(strategy);
        var created = await h.CreateEventAsync("Internet");
        await h.DrainQueueAsync();

        // Both sides edit before the wallet's edit is pushed.
        await h.EditLocallyAsync(created.Id, e => e with { Title = "Wallet title" });
        await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(created.Id), new { summary = "Google title" });
        await h.DrainQueueAsync();
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();

        var local = (await h.Events.GetAsync(h.UserId, created.Id, Ct))!;
        var remote = await h.GetRemoteAsync(created.Id);
        Assert.Equal(expectedTitle, local.Title);
        Assert.Contains(expectedTitle, remote.Summary);
        var conflict = (await h.Audit.QueryAsync(h.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct)).First();
        using var details = JsonDocument.Parse(conflict.ConflictDetails!);
        Assert.Equal("Wallet title", details.RootElement.GetProperty("local").GetProperty("title").GetString());
        Assert.Equal("Google title", details.RootElement.GetProperty("google").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Manual_strategy_keeps_the_conflict_until_the_user_resolves_it()
    {
        await H.ConnectAsync(ConflictStrategy.Manual);
        var created = await H.CreateEventAsync("Water");
        await H.DrainQueueAsync();
        await H.EditLocallyAsync(created.Id, e => e with { Title = "Wallet title" });
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(created.Id), new { summary = "Google title" });
        await H.DrainQueueAsync();
        await H.Sync.IncrementalSyncAsync(H.UserId, Ct);

        var open = Assert.Single(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        Assert.Equal("Wallet title", (await H.Events.GetAsync(H.UserId, created.Id, Ct))!.Title);
        Assert.Equal("Google title", (await H.GetRemoteAsync(created.Id)).Summary);

        await H.Sync.ResolveConflictAsync(H.UserId, open.Id, ConflictResolution.KeepLocal, Ct);
        await H.DrainQueueAsync();

        Assert.Empty(await H.Conflicts.ListOpenAsync(H.UserId, Ct));
        Assert.Contains("Wallet title", (await H.GetRemoteAsync(created.Id)).Summary);
        Assert.Equal("Wallet title", (await H.Events.GetAsync(H.UserId, created.Id, Ct))!.Title);
    }

    [Fact]
    public async Task Expired_access_token_is_refreshed_and_the_call_retried_once()
    {
        await H.ConnectAsync();
        await H.Admin.ExpireAccessTokensAsync(SyncHarness.Email);
        var before = await H.CountsAsync();

        var created = await H.CreateEventAsync("Phone bill");
        await H.DrainQueueAsync();

        var calls = SyncHarness.Delta(before, await H.CountsAsync());
        Assert.Equal(1, calls["oauth.token"]);
        Assert.Equal(2, calls["events.insert"]);
        Assert.Contains("Phone bill", (await H.GetRemoteAsync(created.Id)).Summary);
    }

    [Fact]
    public async Task Revoked_refresh_token_disables_sync_with_a_reason()
    {
        await H.ConnectAsync();
        await H.Admin.RevokeGrantsAsync(SyncHarness.Email);
        await H.Admin.ExpireAccessTokensAsync(SyncHarness.Email);

        await H.CreateEventAsync("Netflix");
        await H.DrainQueueAsync();

        var settings = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.False(settings.Enabled);
        Assert.Equal(SyncService.RevokedReason, settings.DisabledReason);
        Assert.Single(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
        Assert.Contains(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.SyncDisabled), Ct),
            a => a.ErrorCode == "invalid_grant");
    }

    [Fact]
    public async Task Rate_limited_requests_back_off_and_still_complete()
    {
        await H.ConnectAsync();
        await H.Admin.InjectFaultAsync(new FaultRule(Count: 2, Status: 429, Reason: "rateLimitExceeded", Method: "POST",
            PathContains: "/events", RetryAfterSeconds: 1));
        var before = await H.CountsAsync();

        var created = await H.CreateEventAsync("Mortgage");
        await H.DrainQueueAsync();

        var calls = SyncHarness.Delta(before, await H.CountsAsync());
        Assert.Equal(3, calls["events.insert"]);
        Assert.Contains("Mortgage", (await H.GetRemoteAsync(created.Id)).Summary);
        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));
    }
}

public sealed class SqliteSyncEngineTests(SqliteTestDatabase database) : SyncEngineTests<SqliteTestDatabase>(database);

public sealed class PostgresSyncEngineTests(PostgresTestDatabase database) : SyncEngineTests<PostgresTestDatabase>(database);
