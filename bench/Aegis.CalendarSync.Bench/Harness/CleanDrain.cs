using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Drains the queue (<see cref="QueueDrainer"/>) and fails when any item was dead-lettered or is waiting for a
/// retry, since a failed item would make the measured work smaller than the work asked for.</summary>
public static class CleanDrain
{
    public const int MaxClaims = 100_000;

    public static async Task<DrainResult> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var drained = await QueueDrainer.DrainAsync(services, MaxClaims, ct);
        var counts = await services.GetRequiredService<ISyncQueueStore>().CountByStatusAsync(ct);
        if (counts.GetValueOrDefault(QueueStatus.Failed) > 0 || counts.GetValueOrDefault(QueueStatus.Pending) > 0)
        {
            throw new BenchmarkInvalidException(
                $"Queue not cleanly drained: {counts.GetValueOrDefault(QueueStatus.Pending)} pending (retrying), " +
                $"{counts.GetValueOrDefault(QueueStatus.Failed)} failed.");
        }

        return drained;
    }
}
