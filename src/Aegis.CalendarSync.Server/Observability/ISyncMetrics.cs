using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>What the sync engine and jobs record; implemented by <see cref="SyncMetrics"/> on the
/// <c>Aegis.CalendarSync</c> meter and exported at /metrics.</summary>
public interface ISyncMetrics
{
    /// <summary>One queue item finished (success or not) after <paramref name="duration"/> of processing.</summary>
    void RecordItemProcessed(QueueAction action, SyncDirection direction, TimeSpan duration, bool success);

    /// <summary>A failed Google or store operation, e.g. rate_limited, auth_error, not_found, conflict, server_error, timeout.</summary>
    void RecordError(string errorType);

    void RecordChannelRenewal(bool success);

    /// <summary>Time from a change being made on one side to it being applied on the other.</summary>
    void RecordPropagationLag(SyncDirection direction, TimeSpan lag);

    /// <summary>A push that was ignored (unknown channel, bad token, expired channel...).</summary>
    void RecordWebhookRejected(string reason);
}
