namespace Aegis.CalendarSync.Google.Http;

/// <summary>Takes a token from the request's account bucket before every attempt, so retries and the
/// 401 re-send are counted against the account's rate too; a batch takes one token per call it carries.</summary>
internal sealed class AccountRateLimitHandler(GoogleAccountRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var userId = GoogleRequestOptions.GetUserId(request);
        for (var i = GoogleRequestOptions.GetCost(request); i > 0; i--)
        {
            await limiter.AcquireAsync(userId, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
