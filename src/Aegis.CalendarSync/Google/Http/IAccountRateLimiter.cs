namespace Aegis.CalendarSync.Google.Http;

/// <summary>Spends a Google account's request budget before each HTTP request to Google: in process on one node
/// (<see cref="GoogleAccountRateLimiter"/>), or shared by every node through the database
/// (<see cref="SharedAccountRateLimiter"/>).</summary>
internal interface IAccountRateLimiter
{
    /// <summary>Waits until <paramref name="requests"/> requests of <paramref name="userId"/> may be sent (a batch
    /// carries several).</summary>
    /// <exception cref="Errors.RateLimitedException">The wait would exceed the configured queue.</exception>
    ValueTask AcquireAsync(Guid userId, int requests, CancellationToken ct);
}
