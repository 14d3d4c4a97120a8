using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Google.Http;

/// <summary>One account's budget across every node sharing the database (GCRA, one statement per HTTP request, so a
/// batch of 50 calls costs one): with rate r = <see cref="GoogleApiOptions.RequestsPerSecond"/> and a burst of r (as
/// the in-process bucket), a request reserved with theoretical arrival time TAT is sent at TAT - r x (1/r s), i.e. no
/// earlier than one second before its slot. Every node reserves from the same row, so in any window of length w all
/// nodes together send at most r x w + r requests of one account. A wait longer than RateLimitQueueLimit slots is
/// refused with <see cref="RateLimitedException"/> (the reserved slot then stays unused: the budget errs on the safe side).</summary>
internal sealed class SharedAccountRateLimiter(IRateBudgetStore budget, IOptions<GoogleApiOptions> options, TimeProvider time)
    : IAccountRateLimiter
{
    public async ValueTask AcquireAsync(Guid userId, int requests, CancellationToken ct)
    {
        var rate = options.Value.RequestsPerSecond;
        var interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / rate);
        var tat = await budget.ReserveAsync(userId, requests, interval, ct).ConfigureAwait(false);
        var wait = tat - interval * rate - time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return;
        if (wait > interval * options.Value.RateLimitQueueLimit)
        {
            throw new RateLimitedException(
                System.Net.HttpStatusCode.TooManyRequests,
                "clientRateLimitQueueFull",
                $"Too many Google API requests are waiting for account {userId}.",
                wait);
        }

        await Task.Delay(wait, time, ct).ConfigureAwait(false);
    }
}
