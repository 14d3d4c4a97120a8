using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Application.Health;

/// <summary>What "ready to serve" means for this engine, one condition per method: the database answers, every
/// registered migration is applied, this node's queue processor is alive, and no enabled user's push channel has
/// expired. Each is read when asked (nothing cached), so a probe sees the state of that moment.</summary>
public sealed class ReadinessQueries(
    IDashboardReader dashboard,
    IStoreMigrator migrator,
    QueueProcessorHeartbeat processor,
    IOptions<QueueOptions> queue,
    TimeProvider time)
{
    public async Task<ReadinessCheck> DatabaseAsync(CancellationToken ct)
    {
        await dashboard.PingAsync(ct).ConfigureAwait(false);
        return ReadinessCheck.Pass($"{dashboard.DatabaseName} reachable");
    }

    public async Task<ReadinessCheck> MigrationsAsync(CancellationToken ct)
    {
        var pending = await migrator.ListPendingAsync(ct).ConfigureAwait(false);
        return pending.Count == 0
            ? ReadinessCheck.Pass("all migrations applied")
            : ReadinessCheck.Fail($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}");
    }

    public ReadinessCheck QueueProcessor()
    {
        var last = processor.LastTick;
        if (last is null) return ReadinessCheck.Fail("queue processor has not run yet");
        var age = time.GetUtcNow() - last.Value;
        var limit = queue.Value.StalledAfter;
        return age <= limit
            ? ReadinessCheck.Pass($"queue processor ran {Seconds(age)} ago")
            : ReadinessCheck.Fail($"queue processor last ran {Seconds(age)} ago (limit {Seconds(limit)}): stopped or stuck");
    }

    public async Task<ReadinessCheck> ChannelsAsync(CancellationToken ct)
    {
        var expired = await dashboard.CountExpiredChannelsAsync(time.GetUtcNow(), ct).ConfigureAwait(false);
        return expired == 0
            ? ReadinessCheck.Pass("no push channel of an enabled user is past expiry")
            : ReadinessCheck.Fail($"{expired} enabled user(s) with a push channel past expiry: Google changes are not pushed "
                + "until the channel renewal job renews them");
    }

    private static string Seconds(TimeSpan span) => $"{Math.Max(0, (long)span.TotalSeconds)}s";
}
