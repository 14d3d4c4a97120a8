using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.RateBudget;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Google.Http;

/// <summary>Holds every HTTP request to Google until its calls fit both of Google's quotas, the user's and the
/// project's (<see cref="GoogleQuota"/>: in any window of length w at most burst + ⌊w / T⌋ calls of a user, and of
/// the whole project, so at most the quota in any sliding minute), on <see cref="TimeProvider"/>. The budgets live in
/// the database when several nodes share it (PostgreSQL, <see cref="Store.Sql.SqlRateBudgetStore"/>) or in process
/// (<see cref="InProcessRateBudgetStore"/>); either way one reservation per attempt, a batch reserving one slot per
/// call it carries.</summary>
/// <remarks>A request the project's budget makes wait keeps its reserved place (first come, first served across
/// users); one its own user's budget makes wait reserves nothing and asks again when the user's budget has room, so
/// a busy user never holds the shared budget (then one more reservation statement per such wait; the user's own
/// concurrent requests then go in whichever order they ask). A wait beyond RateLimitQueueLimit user intervals is
/// refused with <see cref="RateLimitedException"/> and reserves nothing. A request cancelled while waiting leaves its
/// reservation unused: the budget errs on the safe side.</remarks>
internal sealed class GoogleQuotaLimiter(IRateBudgetStore budget, IOptions<GoogleApiOptions> options, TimeProvider time) : IAccountRateLimiter
{
    public async ValueTask AcquireAsync(Guid userId, int requests, CancellationToken ct)
    {
        var settings = options.Value;
        var quota = settings.Quota;
        var request = new RateBudgetRequest(userId, settings.ClientId, requests, quota.UserInterval, quota.ProjectInterval, quota.Burst,
            quota.UserInterval * settings.RateLimitQueueLimit);
        while (true)
        {
            var reservation = await budget.ReserveAsync(request, ct).ConfigureAwait(false);
            switch (reservation.Outcome)
            {
                case RateBudgetOutcome.Reserved:
                    if (reservation.Wait > TimeSpan.Zero) await Task.Delay(reservation.Wait, time, ct).ConfigureAwait(false);
                    return;
                case RateBudgetOutcome.Refused:
                    throw new RateLimitedException(
                        System.Net.HttpStatusCode.TooManyRequests,
                        "clientRateLimitQueueFull",
                        $"Too many Google API requests are waiting for account {userId}.",
                        reservation.Wait);
                default:
                    await Task.Delay(reservation.Wait, time, ct).ConfigureAwait(false);
                    break;
            }
        }
    }
}
