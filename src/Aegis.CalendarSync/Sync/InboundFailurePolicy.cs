using System.Data.Common;
using Aegis.CalendarSync.Google.Errors;

namespace Aegis.CalendarSync.Sync;

/// <summary>Tells a change that cannot be applied (the event's content is rejected: a mapping error, a constraint
/// of the wallet's schema) from a failure of the moment (cancellation, a lost optimistic race, Google or the
/// database briefly unavailable, the account disconnected). Only the first is isolated per event; the second fails the whole sync, whose
/// queue item retries it with the sync token unchanged. Also the retry schedule of isolated events.</summary>
public static class InboundFailurePolicy
{
    private const int MaxReasonLength = 1000;

    public static bool IsPoison(Exception ex) => !FailsTheSync(ex);

    /// <summary>When an event that failed <paramref name="attempts"/> times is due again: the base delay doubled per
    /// attempt, capped at <paramref name="max"/>.</summary>
    public static DateTimeOffset NextAttempt(DateTimeOffset lastFailedAt, int attempts, TimeSpan baseDelay, TimeSpan max)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(max.Ticks, baseDelay.Ticks * Math.Pow(2, exponent)));
        return lastFailedAt + delay;
    }

    public static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        return text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
    }

    private static bool FailsTheSync(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case OperationCanceledException or MappingConflictException or GoogleApiException or TimeoutException
                    or HttpRequestException:
                case DbException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }
}
