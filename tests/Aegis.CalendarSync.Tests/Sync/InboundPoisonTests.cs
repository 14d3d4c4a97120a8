using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;
using EmulatorEvent = GoogleCalendarEmulator.Calendar.Model.CalendarEvent;
using EmulatorProperties = GoogleCalendarEmulator.Calendar.Model.EventExtendedProperties;
using EmulatorTime = GoogleCalendarEmulator.Calendar.Model.EventDateTime;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Issue 9, poison isolation: an inbound change the wallet cannot apply (here a Google event whose Aegis
/// currency property the wallet's schema rejects) is recorded for its event; the rest of the page is applied and
/// the sync token advances. Subclassed once per engine.</summary>
public abstract class InboundPoisonTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task One_event_that_throws_is_recorded_the_next_99_are_applied_and_the_token_advances()
    {
        await using var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions { Settings = { ["Sync:ListPageSize"] = "40" } });
        await h.ConnectAsync();
        var poison = await CreateAsync(h, "Broken import", currency: "euro");
        for (var i = 1; i <= 99; i++)
        {
            await CreateAsync(h, $"Appointment {i:00}");
        }

        var tokenBefore = (await h.Settings.GetAsync(h.UserId, Ct))!.SyncToken;
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);

        var imported = await h.Events.ListAsync(h.UserId, new EventQuery(Limit: 500), Ct);
        Assert.Equal(99, imported.Count);
        Assert.DoesNotContain(imported, e => e.Title == "Broken import");
        var tokenAfter = (await h.Settings.GetAsync(h.UserId, Ct))!.SyncToken;
        Assert.NotNull(tokenAfter);
        Assert.NotEqual(tokenBefore, tokenAfter);
        var failure = Assert.Single(await Failures(h).ListAsync(h.UserId, Ct));
        Assert.Equal((poison.Id, 1), (failure.GoogleEventId, failure.Attempts));
        Assert.Contains("CHECK", failure.Reason, StringComparison.OrdinalIgnoreCase);
        var audited = Assert.Single(await h.Audit.QueryAsync(h.UserId,
            new AuditQuery(Action: AuditAction.SyncFromGoogle, Status: AuditOutcome.Failed), Ct));
        Assert.Equal(("inbound_apply_failed", poison.Id), (audited.ErrorCode, audited.GoogleEventId));

        // The next sync lists from the advanced token: the poison event is not replayed (not due yet), nothing fails.
        var before = await h.CountsAsync();
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1 }, SyncHarness.Delta(before, await h.CountsAsync()));
        Assert.Equal(1, Assert.Single(await Failures(h).ListAsync(h.UserId, Ct)).Attempts);

        // A person fixes the event in Google: it is listed again, applied, and its failure is cleared.
        await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", poison.Id!, new
        {
            extendedProperties = new { @private = new Dictionary<string, string> { [AegisProperties.Currency] = "EUR" } },
        });
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        Assert.Contains(await h.Events.ListAsync(h.UserId, new EventQuery(Limit: 500), Ct), e => e.Title == "Broken import");
        Assert.Empty(await Failures(h).ListAsync(h.UserId, Ct));
    }

    [Fact]
    public async Task A_recorded_failure_is_retried_once_due_and_counts_its_attempts()
    {
        await using var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            // Due at once, so the next sync retries it.
            Settings = { ["Sync:InboundFailureRetryBase"] = "00:00:00" },
        });
        await h.ConnectAsync();
        var poison = await CreateAsync(h, "Broken import", currency: "euro");
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        Assert.Equal(1, Assert.Single(await Failures(h).ListAsync(h.UserId, Ct)).Attempts);

        var before = await h.CountsAsync();
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);

        Assert.Equal(new Dictionary<string, int> { ["events.list"] = 1, ["events.get"] = 1 }, SyncHarness.Delta(before, await h.CountsAsync()));
        var failure = Assert.Single(await Failures(h).ListAsync(h.UserId, Ct));
        Assert.Equal((poison.Id, 2), (failure.GoogleEventId, failure.Attempts));
        Assert.Empty(await h.Events.ListAsync(h.UserId, new EventQuery(), Ct));
    }

    private static IInboundFailureStore Failures(SyncHarness h) => h.Services.GetRequiredService<IInboundFailureStore>();

    private static Task<EmulatorEvent> CreateAsync(SyncHarness h, string summary, string? currency = null)
    {
        var start = DateTimeOffset.UtcNow.Date.AddDays(3);
        return h.Admin.CreateEventAsPersonAsync(SyncHarness.Email, "primary", new EmulatorEvent
        {
            Summary = summary,
            Start = new EmulatorTime { Date = start.ToString("yyyy-MM-dd") },
            End = new EmulatorTime { Date = start.AddDays(1).ToString("yyyy-MM-dd") },
            ExtendedProperties = currency is null ? null : new EmulatorProperties
            {
                Private = new Dictionary<string, string> { [AegisProperties.Currency] = currency },
            },
        });
    }
}

public sealed class SqliteInboundPoisonTests(SqliteTestDatabase database) : InboundPoisonTests<SqliteTestDatabase>(database);

public sealed class PostgresInboundPoisonTests(PostgresTestDatabase database) : InboundPoisonTests<PostgresTestDatabase>(database);
