using System.Text.Json;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>Everything the store holds for some users, serialised, so "nothing changed" is one string comparison.</summary>
public static class StoreSnapshot
{
    public static async Task<string> TakeAsync(TestServerHost server, params Guid[] userIds)
    {
        var ct = CancellationToken.None;
        var parts = new List<object?>();
        foreach (var userId in userIds)
        {
            var events = await server.Get<IFinancialEventStore>().ListAsync(userId, new EventQuery(IncludeDeleted: true, Limit: 1000), ct);
            parts.Add(events);
            foreach (var e in events)
            {
                parts.Add(await server.Get<IOccurrenceStore>().ListAsync(userId, e.Id, ct));
            }

            parts.Add(await server.Get<ISettingsStore>().GetAsync(userId, ct));
            parts.Add(await server.Get<ISyncQueueStore>().ListAsync(userId, null, 1000, ct));
            parts.Add(await server.Get<IConflictStore>().ListOpenAsync(userId, ct));
            parts.Add((await server.Get<IAuditStore>().QueryAsync(userId, new AuditQuery(Limit: 1000), ct)).Count);
        }
        return JsonSerializer.Serialize(parts);
    }

    /// <summary>Waits until no queue item of the users is pending or processing.</summary>
    public static Task WaitForIdleQueueAsync(TestServerHost server, params Guid[] userIds) =>
        Eventually.TrueAsync(async () =>
        {
            foreach (var userId in userIds)
            {
                var items = await server.Get<ISyncQueueStore>().ListAsync(userId, null, 1000, CancellationToken.None);
                if (items.Any(i => i.Status is QueueStatus.Pending or QueueStatus.Processing)) return false;
            }
            return true;
        }, "the sync queue to drain");
}
