using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Server.Auth;

/// <summary>Options section "SignIn": throttling of <c>POST /api/auth/token</c> and the login form. Validated at start.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed sign-ins of one account within <see cref="FailureWindow"/> that lock it.</summary>
    [Range(1, 1000)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>Failures older than this are forgotten.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked account refuses every sign-in, the correct password included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts (any account, right or wrong) one client address may make per <see cref="PerAddressWindow"/>.</summary>
    [Range(1, 100_000)]
    public int PerAddressPermitLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in attempts (from any address) one account may receive per <see cref="PerAccountWindow"/>.</summary>
    [Range(1, 100_000)]
    public int PerAccountPermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PerAccountWindow { get; set; } = TimeSpan.FromMinutes(1);
}
