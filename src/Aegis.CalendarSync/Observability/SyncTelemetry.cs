using System.Diagnostics.Metrics;

namespace Aegis.CalendarSync.Observability;

/// <summary>The seed's key metrics, on the meter <see cref="MeterName"/> (exported by the host at /metrics):
/// processing time per item, errors by type, conflicts, propagation lag and channel renewal outcomes.
/// Queue depth is an observable gauge registered by the host, which owns the polling interval.</summary>
public sealed class SyncTelemetry
{
    public const string MeterName = "Aegis.CalendarSync";

    private readonly Histogram<double> _operationDuration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<double> _propagationLag;
    private readonly Counter<long> _channelRenewals;
    private readonly Counter<long> _apiCallsSaved;

    public SyncTelemetry(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _operationDuration = Meter.CreateHistogram<double>("aegis.sync.operation.duration", "ms", "Time to process one sync operation.");
        _errors = Meter.CreateCounter<long>("aegis.sync.errors", description: "Sync errors by type.");
        _conflicts = Meter.CreateCounter<long>("aegis.sync.conflicts", description: "Conflicts by strategy and winner.");
        _propagationLag = Meter.CreateHistogram<double>("aegis.sync.propagation.lag", "s", "From a change on one side to its write on the other.");
        _channelRenewals = Meter.CreateCounter<long>("aegis.channel.renewals", description: "Push channel renewals by outcome.");
        _apiCallsSaved = Meter.CreateCounter<long>("aegis.sync.skipped", description: "Operations skipped without an API call (no-op edit, echo, loop guard).");
    }

    public Meter Meter { get; }

    public void RecordOperation(string action, string outcome, TimeSpan elapsed) =>
        _operationDuration.Record(elapsed.TotalMilliseconds, new("action", action), new("outcome", outcome));

    public void RecordError(string action, string errorType) =>
        _errors.Add(1, new("action", action), new("type", errorType));

    public void RecordConflict(string strategy, string winner) =>
        _conflicts.Add(1, new("strategy", strategy), new("winner", winner));

    public void RecordPropagationLag(string direction, TimeSpan lag) =>
        _propagationLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("direction", direction));

    public void RecordChannelRenewal(bool success) =>
        _channelRenewals.Add(1, new KeyValuePair<string, object?>("outcome", success ? "success" : "failure"));

    public void RecordSkip(string reason) =>
        _apiCallsSaved.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
