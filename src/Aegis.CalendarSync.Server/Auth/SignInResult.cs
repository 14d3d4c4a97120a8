using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Auth;

public enum SignInStatus
{
    Succeeded,
    InvalidCredentials,
    /// <summary>The account is locked after repeated failures; the password was not checked.</summary>
    LockedOut,
    /// <summary>Too many attempts on the account within the rate-limit window; the password was not checked.</summary>
    RateLimited,
}

/// <summary>The outcome of one sign-in attempt; <see cref="RetryAfter"/> is set for the two refusals.</summary>
public sealed record SignInResult(SignInStatus Status, AppUser? User = null, TimeSpan RetryAfter = default)
{
    public static readonly SignInResult Invalid = new(SignInStatus.InvalidCredentials);

    /// <summary>The user-facing reason of a refusal (both entry points show the same words).</summary>
    public string RefusalMessage => Status switch
    {
        SignInStatus.LockedOut => $"This account is temporarily locked after repeated failed sign-ins; try again in {Describe(RetryAfter)}.",
        SignInStatus.RateLimited => $"Too many sign-in attempts for this account; try again in {Describe(RetryAfter)}.",
        _ => "The email or password is incorrect.",
    };

    private static string Describe(TimeSpan wait) => wait >= TimeSpan.FromMinutes(2)
        ? $"{Math.Ceiling(wait.TotalMinutes):0} minutes"
        : $"{Math.Max(1, Math.Ceiling(wait.TotalSeconds)):0} seconds";
}
