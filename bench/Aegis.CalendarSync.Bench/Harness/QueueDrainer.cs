using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Drives the real <see cref="QueueProcessor"/> (the hosted loop minus its idle wait) until nothing is due.</summary>
public static class QueueDrainer
{
    private const int MaxClaims = 100_000;

    /// <summary>Processes batches until a claim comes back empty; fails when any item was dead-lettered, since a
    /// failed item would make the measured work smaller than the work asked for.</summary>
    public static async Task<DrainResult> DrainAsync(IServiceProvider services, CancellationToken ct)
    {
        var processor = services.GetRequiredService<QueueProcessor>();
        var items = 0;
        for (var claims = 0; claims < MaxClaims; claims++)
        {
            var claimed = await processor.ProcessOnceAsync(ct);
            if (claimed == 0)
            {
                await EnsureNothingFailedAsync(services.GetRequiredService<ISyncQueueStore>(), ct);
                return new DrainResult(items, claims);
            }

            items += claimed;
        }

        throw new BenchmarkInvalidException($"The queue did not drain in {MaxClaims} claims: a sync loop?");
    }

    private static async Task EnsureNothingFailedAsync(ISyncQueueStore queue, CancellationToken ct)
    {
        var counts = await queue.CountByStatusAsync(ct);
        if (counts.GetValueOrDefault(QueueStatus.Failed) > 0 || counts.GetValueOrDefault(QueueStatus.Pending) > 0)
        {
            throw new BenchmarkInvalidException(
                $"Queue not cleanly drained: {counts.GetValueOrDefault(QueueStatus.Pending)} pending (retrying), " +
                $"{counts.GetValueOrDefault(QueueStatus.Failed)} failed.");
        }
    }
}

/// <summary>Items processed and non-empty batches claimed (the final empty claim is not counted).</summary>
public sealed record DrainResult(int Items, int Claims);
