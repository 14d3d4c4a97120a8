namespace Aegis.CalendarSync.Google.Http;

/// <summary>Spends Google's quotas (the user's and the project's) before each HTTP request to Google
/// (<see cref="GoogleQuotaLimiter"/>; budgets in process on one node, or shared by every node through the database).</summary>
internal interface IAccountRateLimiter
{
    /// <summary>Waits until <paramref name="requests"/> calls of <paramref name="userId"/> may be sent (a batch
    /// carries several; they are sent together, so they are reserved together).</summary>
    /// <exception cref="Errors.RateLimitedException">The wait would exceed the configured queue.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requests"/> exceeds the burst
    /// (<see cref="GoogleApiOptions.MaxCallsPerBatchRequest"/>): such a request could never be sent.</exception>
    ValueTask AcquireAsync(Guid userId, int requests, CancellationToken ct);
}
