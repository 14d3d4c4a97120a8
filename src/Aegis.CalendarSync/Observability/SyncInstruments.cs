namespace Aegis.CalendarSync.Observability;

/// <summary>The one declaration of the meter and of the engine's instrument names and tag values: the engine records
/// on them (<see cref="SyncTelemetry"/>), the host adds its own instruments to the same meter and reads them back for
/// its dashboard.</summary>
public static class SyncInstruments
{
    /// <summary>The meter every Aegis instrument is created on (engine and host); exported at /metrics.</summary>
    public const string MeterName = "Aegis.CalendarSync";

    public const string OperationDuration = "aegis.sync.operation.duration";
    public const string Errors = "aegis.sync.errors";
    public const string Conflicts = "aegis.sync.conflicts";
    public const string PropagationLag = "aegis.sync.propagation.lag";
    public const string ChannelRenewals = "aegis.channel.renewals";
    public const string Skipped = "aegis.sync.skipped";
    public const string AuditWriteFailures = "aegis.audit.write_failures";

    /// <summary>Recorded by the host: queue items by status (observable gauge).</summary>
    public const string QueueDepth = "aegis.sync.queue.depth";

    /// <summary>Recorded by the host: Google pushes ignored, by reason.</summary>
    public const string WebhookRejected = "aegis.webhook.rejected";

    /// <summary>Tag values of <see cref="ChannelRenewals"/>'s <c>outcome</c>.</summary>
    public const string RenewalSucceeded = "success";
    public const string RenewalFailed = "failure";
}
