namespace Aegis.CalendarSync.Server.Observability;

/// <summary>Totals since process start, for the dashboard page.</summary>
public sealed record MetricsSnapshot(
    IReadOnlyDictionary<string, long> ErrorsByType,
    long RenewalSuccesses,
    long RenewalFailures,
    IReadOnlyDictionary<string, long> WebhookRejections,
    long ItemsProcessed,
    double AverageProcessingMs,
    double AveragePropagationLagMs,
    IReadOnlyList<QueueDepthSample> QueueDepthHistory)
{
    public double? RenewalSuccessRate => RenewalSuccesses + RenewalFailures == 0
        ? null
        : (double)RenewalSuccesses / (RenewalSuccesses + RenewalFailures);
}
