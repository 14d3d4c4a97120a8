using Aegis.CalendarSync.Application.EventSync;
using Aegis.CalendarSync.Application.Progress;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>The Events page's one read (<see cref="IEventSyncReader"/>) and the badges decided from it, over the
/// real store; subclassed once per engine.</summary>
public abstract class EventSyncReaderContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private EventSyncQueries Queries => new(Services.GetRequiredService<IEventSyncReader>());
    private IInboundFailureStore InboundFailures => Services.GetRequiredService<IInboundFailureStore>();

    [Fact]
    public async Task Each_live_event_gets_the_badge_of_its_queue_item_conflict_inbound_failure_or_mapping()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        await Settings.UpsertAsync(new CalendarSyncSettings { UserId = userId, Enabled = true, EncryptedRefreshToken = "sealed" }, Ct);
        var synced = await InsertEventAsync(userId, "Synced");
        var pending = await InsertEventAsync(userId, "Pending");
        var retrying = await InsertEventAsync(userId, "Retrying");
        var dead = await InsertEventAsync(userId, "Dead");
        var conflicted = await InsertEventAsync(userId, "Conflicted");
        var inbound = await InsertEventAsync(userId, "Inbound");
        var held = await InsertEventAsync(userId, "Held");
        var deleted = await InsertEventAsync(userId, "Deleted");
        await InsertEventAsync(other, "Someone else's");
        foreach (var item in await Queue.ClaimAsync(100, Lease, Ct))
        {
            if (item.FinancialEventId == retrying.Id) Assert.True(await Queue.RetryAsync(item.Id, item.LeaseId!.Value, Start.AddMinutes(5), "Google answered 503", deadLetter: false, Ct));
            else if (item.FinancialEventId == dead.Id) Assert.True(await Queue.RetryAsync(item.Id, item.LeaseId!.Value, Start, "quota exceeded", deadLetter: true, Ct));
            else if (item.FinancialEventId != pending.Id) Assert.True(await Queue.CompleteAsync(item.Id, item.LeaseId!.Value, Ct));
        }
        // The pending event's first item was claimed and released by the loop above (left processing), so give it a
        // fresh pending one the way an edit does.
        await Events.UpdateAsync(pending with { Title = "Pending (edited)", UpdatedAt = Start.AddMinutes(1) }, Ct);
        foreach (var e in new[] { synced, conflicted, inbound, held })
        {
            Assert.True(await Mappings.UpsertAsync(Mapping(e, $"https://www.google.com/calendar/event?eid={e.Title}"), null, Ct));
        }
        await Conflicts.AddAsync(new SyncConflict
        {
            UserId = userId, FinancialEventId = conflicted.Id, GoogleEventId = $"aegis{conflicted.Id:N}",
            LocalVersion = """{"title":"Local"}""", GoogleVersion = """{"title":"Google"}""",
        }, Ct);
        await InboundFailures.RecordAsync(userId, "primary", $"aegis{inbound.Id:N}_20250304", "the amount is not a number", Start, Ct);
        await Services.GetRequiredService<IHeldDeletionStore>().HoldAsync(
            [new HeldDeletion { UserId = userId, FinancialEventId = held.Id, GoogleCalendarId = "primary", GoogleEventId = $"aegis{held.Id:N}", HeldAt = Start }], Ct);
        Assert.True(await Events.SoftDeleteAsync(userId, deleted.Id, SyncSource.Aegis, Start, Ct));

        var overview = await Queries.ReadAsync(userId, Ct);

        Assert.Equal(new ConnectionState(true, true, null), overview.Connection);
        Assert.Equal(
            new Dictionary<string, EventSyncStatus>
            {
                ["Synced"] = EventSyncStatus.Synced, ["Pending"] = EventSyncStatus.Pending, ["Retrying"] = EventSyncStatus.Retrying,
                ["Dead"] = EventSyncStatus.Failed, ["Conflicted"] = EventSyncStatus.Conflict, ["Inbound"] = EventSyncStatus.Failed,
                ["Held"] = EventSyncStatus.Held,
            },
            new[] { synced, pending, retrying, dead, conflicted, inbound, held }.ToDictionary(e => e.Title, e => overview.Events[e.Id].Status));
        Assert.Equal(7, overview.Events.Count);
        var syncedState = overview.Events[synced.Id];
        Assert.Equal(("https://www.google.com/calendar/event?eid=Synced", Start.AddSeconds(1)), (syncedState.GoogleLink, syncedState.At));
        Assert.Equal("Attempt 1 failed: Google answered 503; it is tried again automatically.", overview.Events[retrying.Id].Reason);
        Assert.Equal(Start.AddMinutes(5), overview.Events[retrying.Id].At);
        Assert.Contains("quota exceeded", overview.Events[dead.Id].Reason, StringComparison.Ordinal);
        Assert.Equal("A change made in Google Calendar could not be applied: the amount is not a number.", overview.Events[inbound.Id].Reason);
        Assert.Null(overview.Events[pending.Id].GoogleLink);
        Assert.Equal(EventSyncStatus.NotSynced, Assert.Single((await Queries.ReadAsync(other, Ct)).Events).Value.Status);
    }

    [Fact]
    public async Task Without_events_the_read_still_reports_the_connection_and_a_user_without_settings_is_not_connected()
    {
        var userId = await NewUserAsync(syncEnabled: false);
        Assert.Equal(EventSyncSnapshot.Empty.Connection, (await Queries.ReadAsync(userId, Ct)).Connection);

        await Settings.UpsertAsync(new CalendarSyncSettings { UserId = userId, Enabled = false, EncryptedRefreshToken = "sealed" }, Ct);
        await Settings.DisableAsync(userId, "Google access was revoked.", Ct);
        var overview = await Queries.ReadAsync(userId, Ct);
        Assert.Equal(new ConnectionState(true, false, "Google access was revoked."), overview.Connection);
        Assert.Empty(overview.Events);
        Assert.Equal("Sync with Google Calendar is off: Google access was revoked.", overview.For(Guid.NewGuid()).Reason);
    }

    private static CalendarSyncMapping Mapping(FinancialEvent e, string link) => new()
    {
        UserId = e.UserId,
        FinancialEventId = e.Id,
        GoogleCalendarId = "primary",
        GoogleEventId = $"aegis{e.Id:N}",
        GoogleEtag = "\"1\"",
        ContentHash = "hash-1",
        HtmlLink = link,
        SyncSource = SyncSource.Aegis,
        LastModifiedAt = Start,
        LastSyncedAt = Start.AddSeconds(1),
        Version = 1,
    };
}

public sealed class SqliteEventSyncReaderTests(SqliteTestDatabase database) : EventSyncReaderContractTests<SqliteTestDatabase>(database);

public sealed class PostgresEventSyncReaderTests(PostgresTestDatabase database) : EventSyncReaderContractTests<PostgresTestDatabase>(database);
