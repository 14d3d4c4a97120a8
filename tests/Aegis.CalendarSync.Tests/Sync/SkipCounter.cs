using System.Diagnostics.Metrics;
using Aegis.CalendarSync.Observability;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Counts <see cref="SyncInstruments.Skipped"/> measurements of one engine's meter by their reason tag.</summary>
public sealed class SkipCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _counts = [];

    public SkipCounter(SyncTelemetry telemetry)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == telemetry.Meter && instrument.Name == SyncInstruments.Skipped) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var reason = tags.ToArray().Single(t => t.Key == "reason").Value as string ?? "";
            lock (_counts) _counts[reason] = _counts.GetValueOrDefault(reason) + value;
        });
        _listener.Start();
    }

    public long Of(string reason)
    {
        lock (_counts) return _counts.GetValueOrDefault(reason);
    }

    public void Dispose() => _listener.Dispose();
}
