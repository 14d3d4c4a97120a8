namespace Aegis.CalendarSync.Server.Auth;

/// <summary>Failed sign-ins per account key and temporary lockouts (server-owned table <c>sign_in_failures</c>), in the
/// database so that every node behind a load balancer counts the same failures.</summary>
public interface ISignInFailureStore
{
    /// <summary>When the account's lockout ends, or null when it is not locked out at <paramref name="now"/>.</summary>
    Task<DateTimeOffset?> GetLockedUntilAsync(string accountKey, DateTimeOffset now, CancellationToken ct);

    /// <summary>Counts one failure atomically and returns the failures since the current counting window began; a window
    /// that began at or before <paramref name="windowStart"/> is over, and the count restarts at 1.</summary>
    Task<int> RecordFailureAsync(string accountKey, DateTimeOffset now, DateTimeOffset windowStart, CancellationToken ct);

    /// <summary>Locks the account until <paramref name="until"/> and restarts its failure count.</summary>
    Task LockAsync(string accountKey, DateTimeOffset now, DateTimeOffset until, CancellationToken ct);

    /// <summary>Forgets the account's failures (after a successful sign-in).</summary>
    Task ResetAsync(string accountKey, CancellationToken ct);
}
