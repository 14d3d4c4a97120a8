using Aegis.CalendarSync.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Testing.Engine;

/// <summary>Drives the real <see cref="QueueProcessor"/> (the hosted loop minus its idle wait) until nothing is due.</summary>
public static class QueueDrainer
{
    /// <summary>Claims batches until a claim comes back empty; throws after <paramref name="maxClaims"/> non-empty
    /// claims (work that keeps enqueueing itself: a sync loop).</summary>
    public static async Task<DrainResult> DrainAsync(IServiceProvider services, int maxClaims, CancellationToken ct)
    {
        var processor = services.GetRequiredService<QueueProcessor>();
        var items = 0;
        for (var claims = 0; claims < maxClaims; claims++)
        {
            var claimed = await processor.ProcessOnceAsync(ct);
            if (claimed == 0)
            {
                return new DrainResult(items, claims);
            }

            items += claimed;
        }

        throw new InvalidOperationException($"The queue did not drain in {maxClaims} claims: a sync loop?");
    }
}
