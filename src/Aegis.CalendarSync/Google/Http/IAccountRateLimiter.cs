namespace Aegis.CalendarSync.Google.Http;

/// <summary>Spends a Google account's request budget before each HTTP request to Google: in process on one node
/// (<see cref="GoogleAccountRateLimiter"/>), or shared by every node through the database
/// (<see cref="SharedAccountRateLimiter"/>).</summary>
internal interface IAccountRateLimiter
{
    /// <summary>Waits until <paramref name="requests"/> requests of <paramref name="userId"/> may be sent (a batch
    /// carries several). The budget's bound (at most the burst plus one second's rate in any second) holds for requests
    /// of at most the burst (<see cref="GoogleApiOptions.MaxCallsPerBatchRequest"/>): a request's calls are sent together.</summary>
    /// <exception cref="Errors.RateLimitedException">The wait would exceed the configured queue.</exception>
    ValueTask AcquireAsync(Guid userId, int requests, CancellationToken ct);
}
