using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Api;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>All instruments of the <c>Aegis.CalendarSync</c> meter. Besides the OpenTelemetry export it keeps
/// process-lifetime totals for the dashboard (<see cref="Snapshot"/>).</summary>
public sealed class SyncMetrics : ISyncMetrics
{
    public const string MeterName = "Aegis.CalendarSync";

    private readonly QueueDepthMonitor _queueDepth;
    private readonly Histogram<double> _processingTime;
    private readonly Histogram<double> _propagationLag;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _renewals;
    private readonly Counter<long> _webhookRejections;

    private readonly ConcurrentDictionary<string, long> _errorTotals = new();
    private readonly ConcurrentDictionary<string, long> _rejectionTotals = new();
    private long _renewalSuccesses;
    private long _renewalFailures;
    private long _itemsProcessed;
    private long _processingMicros;
    private long _lagSamples;
    private long _lagMicros;

    public SyncMetrics(IMeterFactory meterFactory, QueueDepthMonitor queueDepth)
    {
        _queueDepth = queueDepth;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("aegis.sync.queue.depth", ObserveQueueDepth, unit: "{item}",
            description: "Sync queue items by status (sampled every few seconds).");
        _processingTime = meter.CreateHistogram<double>("aegis.sync.item.duration", unit: "s",
            description: "Processing time of one queue item.");
        _propagationLag = meter.CreateHistogram<double>("aegis.sync.propagation.lag", unit: "s",
            description: "Time from a change on one side to it being applied on the other.");
        _errors = meter.CreateCounter<long>("aegis.sync.errors", unit: "{error}", description: "Sync errors by type.");
        _renewals = meter.CreateCounter<long>("aegis.sync.channel.renewals", unit: "{renewal}",
            description: "Push channel renewals by result.");
        _webhookRejections = meter.CreateCounter<long>("aegis.sync.webhook.rejected", unit: "{push}",
            description: "Google pushes ignored, by reason.");
    }

    public void RecordItemProcessed(QueueAction action, SyncDirection direction, TimeSpan duration, bool success)
    {
        _processingTime.Record(duration.TotalSeconds, new TagList
        {
            { "action", WireEnum.ToWire(action) },
            { "direction", WireEnum.ToWire(direction) },
            { "result", success ? "success" : "failure" },
        });
        Interlocked.Increment(ref _itemsProcessed);
        Interlocked.Add(ref _processingMicros, (long)(duration.Ticks / 10));
    }

    public void RecordError(string errorType)
    {
        _errors.Add(1, new KeyValuePair<string, object?>("type", errorType));
        _errorTotals.AddOrUpdate(errorType, 1, (_, n) => n + 1);
    }

    public void RecordChannelRenewal(bool success)
    {
        _renewals.Add(1, new KeyValuePair<string, object?>("result", success ? "success" : "failure"));
        Interlocked.Increment(ref success ? ref _renewalSuccesses : ref _renewalFailures);
    }

    public void RecordPropagationLag(SyncDirection direction, TimeSpan lag)
    {
        _propagationLag.Record(lag.TotalSeconds, new KeyValuePair<string, object?>("direction", WireEnum.ToWire(direction)));
        Interlocked.Increment(ref _lagSamples);
        Interlocked.Add(ref _lagMicros, (long)(lag.Ticks / 10));
    }

    public void RecordWebhookRejected(string reason)
    {
        _webhookRejections.Add(1, new KeyValuePair<string, object?>("reason", reason));
        _rejectionTotals.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }

    public MetricsSnapshot Snapshot()
    {
        var items = Interlocked.Read(ref _itemsProcessed);
        var lagSamples = Interlocked.Read(ref _lagSamples);
        return new MetricsSnapshot(
            new SortedDictionary<string, long>(_errorTotals),
            Interlocked.Read(ref _renewalSuccesses),
            Interlocked.Read(ref _renewalFailures),
            new SortedDictionary<string, long>(_rejectionTotals),
            items,
            items == 0 ? 0 : Interlocked.Read(ref _processingMicros) / 1000.0 / items,
            lagSamples == 0 ? 0 : Interlocked.Read(ref _lagMicros) / 1000.0 / lagSamples,
            _queueDepth.History);
    }

    private IEnumerable<Measurement<long>> ObserveQueueDepth()
    {
        var latest = _queueDepth.Latest;
        if (latest is null) yield break;
        foreach (var status in Enum.GetValues<QueueStatus>())
            yield return new Measurement<long>(latest.CountByStatus.GetValueOrDefault(status),
                new KeyValuePair<string, object?>("status", WireEnum.ToWire(status)));
    }
}
