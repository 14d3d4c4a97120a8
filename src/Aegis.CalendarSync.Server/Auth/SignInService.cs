using System.Net;
using System.Threading.RateLimiting;
using Aegis.CalendarSync.Application.Accounts;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Auth;

/// <summary>The one sign-in path of both entry points (<c>POST /api/auth/token</c> and the login form). Guarantees: an
/// account receives at most <see cref="SignInOptions.PerAccountPermitLimit"/> attempts per window (ASP.NET Core's
/// rate limiter, partitioned by normalized email); after <see cref="SignInOptions.MaxFailedAttempts"/> failures within
/// <see cref="SignInOptions.FailureWindow"/> it is locked for <see cref="SignInOptions.LockoutDuration"/>, during which
/// even the correct password is refused without being checked; lockouts are in the database (all nodes) and timed by
/// <see cref="TimeProvider"/>; every attempt on an existing account is audited (<see cref="AuditAction.SignIn"/>, <c>sign_in</c>). Emails without
/// an account are counted and locked the same way, so a lockout does not reveal which emails have accounts.</summary>
public sealed class SignInService(
    PasswordAuthenticator authenticator,
    UserAccounts users,
    ISignInFailureStore failures,
    SyncAuditor auditor,
    IOptions<SignInOptions> options,
    TimeProvider time,
    ILogger<SignInService> logger) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAccount = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerAccountPermitLimit,
            Window = options.Value.PerAccountWindow,
            QueueLimit = 0,
        }));

    public async Task<SignInResult> SignInAsync(string? email, string? password, IPAddress? client, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return SignInResult.Invalid;
        var settings = options.Value;
        var key = email.Trim().ToUpperInvariant();
        var from = client?.ToString() ?? "an unknown address";

        using var lease = _perAccount.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : settings.PerAccountWindow;
            await AuditFailureAsync(email, "rate_limited", $"Sign-in attempt from {from} refused: too many attempts on this account.", ct);
            return new SignInResult(SignInStatus.RateLimited, RetryAfter: wait);
        }

        var now = time.GetUtcNow();
        if (await failures.GetLockedUntilAsync(key, now, ct) is { } lockedUntil)
        {
            await AuditFailureAsync(email, "refused_while_locked_out", $"Sign-in attempt from {from} refused: the account is locked until {lockedUntil:u}.", ct);
            return new SignInResult(SignInStatus.LockedOut, RetryAfter: lockedUntil - now);
        }

        var user = await authenticator.AuthenticateAsync(email, password, ct);
        if (user is not null)
        {
            await failures.ResetAsync(key, ct);
            await AuditAsync(user.Id, AuditOutcome.Success, null, $"from {from}", ct);
            return new SignInResult(SignInStatus.Succeeded, user);
        }

        var count = await failures.RecordFailureAsync(key, now, now - settings.FailureWindow, ct);
        if (count < settings.MaxFailedAttempts)
        {
            await AuditFailureAsync(email, "invalid_credentials", $"Wrong password from {from} ({count} of {settings.MaxFailedAttempts} before lockout).", ct);
            return SignInResult.Invalid;
        }

        var until = now + settings.LockoutDuration;
        await failures.LockAsync(key, now, until, ct);
        logger.LogWarning("Sign-in locked out for {Duration} after {Count} failures (last from {Client})", settings.LockoutDuration, count, from);
        await AuditFailureAsync(email, "locked_out", $"Locked until {until:u} after {count} failed sign-ins (last from {from}).", ct);
        return new SignInResult(SignInStatus.LockedOut, RetryAfter: settings.LockoutDuration);
    }

    public void Dispose() => _perAccount.Dispose();

    private async Task AuditFailureAsync(string email, string code, string message, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email.Trim(), ct) is { } user)
            await AuditAsync(user.Id, AuditOutcome.Failed, code, message, ct);
        else
            logger.LogInformation("Sign-in refused for an unknown account: {Code}", code);
    }

    /// <summary>Through <see cref="SyncAuditor"/>: also counted in the metrics, and a failed audit write never changes the
    /// answer to the attempt.
    /// A success's note goes to the row's details, a refusal's reason to its error message.</summary>
    private Task AuditAsync(Guid userId, AuditOutcome status, string? code, string message, CancellationToken ct) =>
        auditor.RecordAsync(new AuditEntry
        {
            UserId = userId,
            Action = AuditAction.SignIn,
            Status = status,
            ErrorCode = code,
            ErrorMessage = status == AuditOutcome.Success ? null : message,
            Details = status == AuditOutcome.Success ? message : null,
        }, auditor.StartTimestamp(), ct);
}
