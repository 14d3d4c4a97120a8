using System.Diagnostics.Metrics;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Observability;

/// <summary>The seed's key metrics, on the meter <see cref="SyncInstruments.MeterName"/> (exported by the host at
/// /metrics): processing time per item, errors by type, conflicts, propagation lag, channel renewal outcomes and
/// audit rows that could not be written. Tag values for actions, outcomes and directions are the stored text
/// (sync_to_google, success, to_google). Queue depth is an observable gauge registered by the host, which owns the
/// polling interval.</summary>
public sealed class SyncTelemetry
{
    private readonly Histogram<double> _operationDuration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<double> _propagationLag;
    private readonly Counter<long> _channelRenewals;
    private readonly Counter<long> _apiCallsSaved;
    private readonly Counter<long> _auditWriteFailures;

    public SyncTelemetry(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(SyncInstruments.MeterName);
        _operationDuration = Meter.CreateHistogram<double>(SyncInstruments.OperationDuration, "ms", "Time to process one sync operation.");
        _errors = Meter.CreateCounter<long>(SyncInstruments.Errors, description: "Sync errors by type.");
        _conflicts = Meter.CreateCounter<long>(SyncInstruments.Conflicts, description: "Conflicts by strategy and winner.");
        _propagationLag = Meter.CreateHistogram<double>(SyncInstruments.PropagationLag, "s", "From a change on one side to its write on the other.");
        _channelRenewals = Meter.CreateCounter<long>(SyncInstruments.ChannelRenewals, description: "Push channel renewals by outcome.");
        _apiCallsSaved = Meter.CreateCounter<long>(SyncInstruments.Skipped, description: "Operations skipped without an API call (no-op edit, echo, loop guard).");
        _auditWriteFailures = Meter.CreateCounter<long>(SyncInstruments.AuditWriteFailures, "{row}",
            "Audit rows that could not be written (the operation they describe still succeeded).");
    }

    public Meter Meter { get; }

    public void RecordOperation(AuditAction action, AuditOutcome outcome, TimeSpan elapsed) =>
        _operationDuration.Record(elapsed.TotalMilliseconds, new("action", EnumText.ToText(action)), new("outcome", EnumText.ToText(outcome)));

    public void RecordError(AuditAction action, string errorType) =>
        _errors.Add(1, new("action", EnumText.ToText(action)), new("type", errorType));

    public void RecordConflict(ConflictStrategy strategy, ConflictWinner winner) =>
        _conflicts.Add(1, new("strategy", strategy.ToString()), new("winner", winner.ToString()));

    public void RecordPropagationLag(SyncDirection direction, TimeSpan lag) =>
        _propagationLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("direction", EnumText.ToText(direction)));

    public void RecordChannelRenewal(bool success) =>
        _channelRenewals.Add(1, new KeyValuePair<string, object?>("outcome", success ? SyncInstruments.RenewalSucceeded : SyncInstruments.RenewalFailed));

    public void RecordSkip(string reason) =>
        _apiCallsSaved.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RecordAuditWriteFailure(AuditAction action) =>
        _auditWriteFailures.Add(1, new KeyValuePair<string, object?>("action", EnumText.ToText(action)));
}
