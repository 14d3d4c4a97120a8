using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>The queue's counts by status behind the queue-depth gauge, counted only when the gauge is read (a metrics
/// scrape calls <see cref="Observe"/>) and reused for <see cref="ServerOptions.QueueDepthCacheDuration"/>: a server
/// nobody scrapes never counts its queue, and scrapes cost at most one count per period (concurrent ones share it).
/// A count that fails or takes longer than <see cref="CountTimeout"/> leaves the last sample (or none) in the gauge.</summary>
public sealed class QueueDepthMonitor(
    IDashboardReader store,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<QueueDepthMonitor> logger)
{
    /// <summary>Longest a gauge read waits for the count.</summary>
    public static readonly TimeSpan CountTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private QueueDepthSample? _latest;

    /// <summary>The last sample if younger than the cache period, else a new count (the observable gauge's callback is
    /// synchronous, so this waits for it, at most <see cref="CountTimeout"/>).</summary>
    public QueueDepthSample? Observe()
    {
        lock (_gate)
        {
            if (_latest is { } cached && time.GetUtcNow() - cached.At < options.Value.QueueDepthCacheDuration) return cached;
            try
            {
                using var timeout = new CancellationTokenSource(CountTimeout);
                var counts = store.CountQueueByStatusAsync(timeout.Token).GetAwaiter().GetResult();
                _latest = new QueueDepthSample(time.GetUtcNow(), new Dictionary<Model.QueueStatus, long>(counts));
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Counting the queue for the queue-depth gauge failed; the gauge keeps its last count");
            }

            return _latest;
        }
    }
}
