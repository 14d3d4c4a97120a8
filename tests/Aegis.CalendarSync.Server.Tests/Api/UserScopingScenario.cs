using System.Net.Http.Json;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary>User B owns an event, settings, a conflict, a queue item and audit rows; user A must see none of them
/// and every id of B's answers 404 to A, with B's rows unchanged afterwards.</summary>
public static class UserScopingScenario
{
    public static async Task RunAsync(TestServerHost server)
    {
        var a = await server.CreateUserAsync("alice@example.com");
        var b = await server.CreateUserAsync("bob@example.com");
        var ct = CancellationToken.None;

        var bEventId = (string)(await (await b.Client.PostJsonAsync("api/events", EventBodies.Valid("Bob's rent"))).ReadJsonAsync(201))["id"]!;
        await (await a.Client.PostJsonAsync("api/events", EventBodies.Valid("Alice's rent"))).ReadJsonAsync(201);
        await server.Get<ISettingsStore>().UpsertAsync(new CalendarSyncSettings
        {
            UserId = b.Id, CalendarId = "bob-calendar", ConflictStrategy = ConflictStrategy.Manual, UpdatedAt = DateTimeOffset.UtcNow,
        }, ct);
        var conflictId = await server.Get<IConflictStore>().AddAsync(new SyncConflict
        {
            UserId = b.Id, FinancialEventId = Guid.Parse(bEventId), GoogleEventId = "bobevent1",
            LocalVersion = """{"title":"Bob's rent"}""", GoogleVersion = """{"title":"Rent (edited)"}""", CreatedAt = DateTimeOffset.UtcNow,
        }, ct);
        var bQueueItemId = await server.Get<ISyncQueueStore>().EnqueueFromGoogleAsync(b.Id, QueueAction.FullSync, ct);
        await server.Get<IAuditStore>().AppendAsync(new AuditEntry
        {
            UserId = b.Id, Action = AuditAction.SyncToGoogle, Status = AuditOutcome.Failed, FinancialEventId = Guid.Parse(bEventId), CreatedAt = DateTimeOffset.UtcNow,
        }, ct);
        var bEventBefore = await b.Client.GetStringAsync($"api/events/{bEventId}");

        await (await a.Client.GetAsync($"api/events/{bEventId}")).AssertProblemAsync(404);
        await (await a.Client.PutJsonAsync($"api/events/{bEventId}", EventBodies.Valid("Hijacked"))).AssertProblemAsync(404);
        await (await a.Client.DeleteAsync($"api/events/{bEventId}")).AssertProblemAsync(404);
        var aEvents = await (await a.Client.GetAsync("api/events?include_deleted=true")).ReadJsonAsync();
        Assert.Equal(["Alice's rent"], aEvents["items"]!.AsArray().Select(e => (string)e!["title"]!).ToArray());

        await (await a.Client.GetAsync($"api/conflicts/{conflictId}")).AssertProblemAsync(404);
        await (await a.Client.PostAsJsonAsync($"api/conflicts/{conflictId}/resolve", new { keep = "local" })).AssertProblemAsync(404);
        Assert.Empty((await (await a.Client.GetAsync("api/conflicts")).ReadJsonAsync()).AsArray());

        await (await a.Client.PostAsync($"api/sync/queue/{bQueueItemId}/retry", null)).AssertProblemAsync(404);
        var aQueue = (await (await a.Client.GetAsync("api/sync/queue")).ReadJsonAsync()).AsArray();
        Assert.DoesNotContain(aQueue, item => (long)item!["id"]! == bQueueItemId);

        var aAudit = await (await a.Client.GetAsync($"api/audit?eventId={bEventId}")).ReadJsonAsync();
        Assert.Empty(aAudit["items"]!.AsArray());
        var aSettings = await (await a.Client.GetAsync("api/sync/settings")).ReadJsonAsync();
        Assert.Equal("primary", (string?)aSettings["calendar_id"]);

        Assert.Equal(bEventBefore, await b.Client.GetStringAsync($"api/events/{bEventId}"));
        Assert.Equal(ConflictStatus.Open, (await server.Get<IConflictStore>().GetAsync(b.Id, conflictId, ct))!.Status);
        Assert.Equal("bob-calendar", (await server.Get<ISettingsStore>().GetAsync(b.Id, ct))!.CalendarId);
        var bAudit = await (await b.Client.GetAsync($"api/audit?eventId={bEventId}&action=sync_to_google&status=failed")).ReadJsonAsync();
        Assert.Single(bAudit["items"]!.AsArray());
    }
}
