using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>Counts the queue by status once per <see cref="ServerOptions.QueueDepthCacheDuration"/>, so scrapes and
/// dashboard views never hit the database more often than that; keeps the last hour of samples for the chart.</summary>
public sealed class QueueDepthMonitor(
    IDashboardReader store,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<QueueDepthMonitor> logger) : BackgroundService
{
    public const int HistoryLength = 120;

    private readonly Lock _gate = new();
    private readonly Queue<QueueDepthSample> _history = new();

    public QueueDepthSample? Latest { get; private set; }

    public IReadOnlyList<QueueDepthSample> History
    {
        get { lock (_gate) return [.. _history]; }
    }

    public async Task<QueueDepthSample> SampleAsync(CancellationToken ct)
    {
        var counts = await store.CountQueueByStatusAsync(ct);
        var sample = new QueueDepthSample(time.GetUtcNow(), new Dictionary<QueueStatus, long>(counts));
        lock (_gate)
        {
            _history.Enqueue(sample);
            while (_history.Count > HistoryLength) _history.Dequeue();
            Latest = sample;
        }
        return sample;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.QueueDepthCacheDuration;
        if (period <= TimeSpan.Zero) period = TimeSpan.FromSeconds(5);
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(period.Ticks, TimeSpan.FromSeconds(1).Ticks)), time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Queue depth sample failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
