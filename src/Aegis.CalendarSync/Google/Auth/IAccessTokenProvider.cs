namespace Aegis.CalendarSync.Google.Auth;

/// <summary>Access tokens per Aegis user for the Calendar API.</summary>
internal interface IAccessTokenProvider
{
    /// <summary>A token valid for at least the configured refresh margin; refreshes first when it is not.</summary>
    /// <exception cref="Errors.InvalidGrantException">The refresh token was revoked or expired (permanent).</exception>
    /// <exception cref="Errors.GoogleAccountNotConnectedException">No tokens are stored for the user.</exception>
    Task<string> GetAccessTokenAsync(Guid userId, CancellationToken ct);

    /// <summary>Refreshes now regardless of the stored expiry (after a 401). Concurrent callers for one user share
    /// one token-endpoint call.</summary>
    Task<string> RefreshAsync(Guid userId, CancellationToken ct);
}
