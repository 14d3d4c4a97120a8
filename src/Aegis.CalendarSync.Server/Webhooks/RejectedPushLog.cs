using Aegis.CalendarSync.Connection.Push;

namespace Aegis.CalendarSync.Server.Webhooks;

/// <summary>Logs refused Google pushes without letting a flood of forged ones flood the log: the first refusal is
/// logged at once, later ones at most once per <see cref="Interval"/>, as one line naming how many were refused since
/// the previous line (every refusal is still counted in <c>aegis.webhook.rejected</c> by reason).</summary>
public sealed class RejectedPushLog(TimeProvider time, ILogger<RejectedPushLog> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastLine;
    private long _suppressed;

    public void Record(PushNotification push, PushOutcome outcome)
    {
        long earlier;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_lastLine is { } last && now - last < Interval)
            {
                _suppressed++;
                return;
            }

            earlier = _suppressed;
            _suppressed = 0;
            _lastLine = now;
        }

        // Channel ids are not secrets (Google echoes them in every push); tokens are never logged.
        logger.LogWarning("Rejected Google push for channel {ChannelId}: {Outcome} ({Suppressed} more refused since the previous line)",
            push.ChannelId, outcome, earlier);
    }
}
