using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Aegis.CalendarSync.Observability;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>Listens to every instrument of the <see cref="SyncInstruments.MeterName"/> meter (engine and host alike) and keeps
/// process-lifetime totals for the dashboard page, so the page shows the same measurements /metrics exports
/// without the engine knowing about the UI.</summary>
public sealed class DashboardMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly QueueDepthMonitor _queueDepth;
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private readonly ConcurrentDictionary<string, long> _renewals = new();
    private readonly ConcurrentDictionary<string, long> _rejections = new();
    private readonly RunningAverage _operationMs = new();
    private readonly RunningAverage _lagSeconds = new();

    public DashboardMetrics(QueueDepthMonitor queueDepth)
    {
        _queueDepth = queueDepth;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SyncInstruments.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnMeasurement(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => OnMeasurement(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnMeasurement(instrument.Name, value, tags));
        _listener.Start();
    }

    public MetricsSnapshot Snapshot() => new(
        new SortedDictionary<string, long>(_errors),
        _renewals.GetValueOrDefault(SyncInstruments.RenewalSucceeded),
        _renewals.GetValueOrDefault(SyncInstruments.RenewalFailed),
        new SortedDictionary<string, long>(_rejections),
        _operationMs.Count,
        _operationMs.Average,
        _lagSeconds.Average * 1000,
        _queueDepth.History);

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument)
        {
            case SyncInstruments.Errors:
                Increment(_errors, Tag(tags, "type"), (long)value);
                break;
            case SyncInstruments.ChannelRenewals:
                Increment(_renewals, Tag(tags, "outcome"), (long)value);
                break;
            case SyncInstruments.WebhookRejected:
                Increment(_rejections, Tag(tags, "reason"), (long)value);
                break;
            case SyncInstruments.OperationDuration:
                _operationMs.Add(value);
                break;
            case SyncInstruments.PropagationLag:
                _lagSeconds.Add(value);
                break;
        }
    }

    private static void Increment(ConcurrentDictionary<string, long> totals, string? key, long by) =>
        totals.AddOrUpdate(key ?? "unknown", by, (_, n) => n + by);

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
            if (tag.Key == name) return tag.Value?.ToString();
        return null;
    }

    private sealed class RunningAverage
    {
        private readonly Lock _gate = new();
        private double _sum;

        public long Count { get; private set; }

        public double Average
        {
            get { lock (_gate) return Count == 0 ? 0 : _sum / Count; }
        }

        public void Add(double value)
        {
            lock (_gate)
            {
                _sum += value;
                Count++;
            }
        }
    }
}
