using System.Diagnostics.Metrics;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Server.Api;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>The host's instruments on the shared <see cref="SyncInstruments.MeterName"/> meter: queue depth by status (an
/// observable gauge over <see cref="QueueDepthMonitor"/>'s count, made when the gauge is read and cached) and rejected webhook pushes. The engine's
/// SyncTelemetry records processing time, errors by type, conflicts, propagation lag and channel renewals on the same
/// meter; IMeterFactory returns one Meter per name, so all of them are exported together at /metrics.</summary>
public sealed class SyncMetrics
{
    private readonly QueueDepthMonitor _queueDepth;
    private readonly Counter<long> _webhookRejections;

    public SyncMetrics(IMeterFactory meterFactory, QueueDepthMonitor queueDepth)
    {
        _queueDepth = queueDepth;
        var meter = meterFactory.Create(SyncInstruments.MeterName);
        meter.CreateObservableGauge(SyncInstruments.QueueDepth, ObserveQueueDepth, unit: "{item}",
            description: "Sync queue items by status (counted when read, at most once per cache period).");
        _webhookRejections = meter.CreateCounter<long>(SyncInstruments.WebhookRejected, unit: "{push}",
            description: "Google pushes ignored, by reason.");
    }

    /// <summary>A push that was ignored (unknown channel, bad token, expired channel...).</summary>
    public void RecordWebhookRejected(string reason) =>
        _webhookRejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private IEnumerable<Measurement<long>> ObserveQueueDepth()
    {
        var latest = _queueDepth.Observe();
        if (latest is null) yield break;
        foreach (var status in Enum.GetValues<QueueStatus>())
            yield return new Measurement<long>(latest.CountByStatus.GetValueOrDefault(status),
                new KeyValuePair<string, object?>("status", WireEnum.ToWire(status)));
    }
}
