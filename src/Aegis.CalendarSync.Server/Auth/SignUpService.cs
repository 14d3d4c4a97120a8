using System.ComponentModel.DataAnnotations;
using System.Net;
using Aegis.CalendarSync.Application.Accounts;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Auth;

/// <summary>The sign-up page's one path (<see cref="AccountsOptions.AllowSignUp"/>): checks the email, the password
/// against <see cref="PasswordPolicy"/> and its confirmation, creates the account through the application layer's
/// <see cref="UserAccounts.RegisterAsync(string, string, Store.IUserCreationParticipant, CancellationToken)"/> (atomic: a
/// taken email, in any letter case, changes nothing) with the password hashed (PBKDF2) in the same transaction, and audits <c>sign_up</c>. Attempts are limited per client address together with
/// sign-ins (<see cref="SignInRateLimiting"/>), which bounds how fast anyone can probe which emails have accounts.</summary>
public sealed class SignUpService(
    UserAccounts users,
    PasswordAuthenticator passwords,
    SyncAuditor auditor,
    IOptions<AccountsOptions> options,
    ILogger<SignUpService> logger)
{
    /// <summary>Longest address SMTP allows (RFC 5321: 254 characters in a path).</summary>
    public const int MaxEmailLength = 254;

    private static readonly EmailAddressAttribute EmailFormat = new();

    public bool Allowed => options.Value.AllowSignUp;

    public async Task<SignUpResult> SignUpAsync(string? email, string? password, string? confirmation, IPAddress? client, CancellationToken ct)
    {
        if (!Allowed) throw new InvalidOperationException("Sign-up is off (Accounts:AllowSignUp).");
        var address = email?.Trim() ?? "";
        if (address.Length is 0 or > MaxEmailLength || !EmailFormat.IsValid(address))
            return SignUpResult.Refused("Enter a valid email address.");
        if (PasswordPolicy.Check(password, address) is { } weak) return SignUpResult.Refused(weak);
        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
            return SignUpResult.Refused("The two passwords do not match.");

        // The account and its password hash commit in one transaction: a failure leaves no account without a password.
        var user = await users.RegisterAsync(address, address, passwords.PasswordFor(password!), ct);
        if (user is null)
        {
            logger.LogInformation("Sign-up refused: the email already has an account");
            return SignUpResult.Taken;
        }

        await auditor.RecordAsync(new AuditEntry
        {
            UserId = user.Id,
            Action = AuditAction.SignUp,
            Status = AuditOutcome.Success,
            ErrorMessage = $"Account created on the sign-up page from {client?.ToString() ?? "an unknown address"}.",
        }, auditor.StartTimestamp(), ct);
        return new SignUpResult(SignUpStatus.Created, user);
    }
}
