namespace Aegis.CalendarSync.Google.Http;

/// <summary>Takes a token from the request's account bucket before every attempt, so retries and the
/// 401 re-send are counted against the account's rate too; a batch takes one token per call it carries.
/// Which limiter (in process, or shared by the nodes) is the composition's choice.</summary>
internal sealed class AccountRateLimitHandler(IAccountRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var userId = GoogleRequestOptions.GetUserId(request);
        await limiter.AcquireAsync(userId, GoogleRequestOptions.GetCost(request), cancellationToken).ConfigureAwait(false);

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
