using System.Data.Common;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Application.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Aegis.CalendarSync.Server.Auth;

/// <summary>Checks email + password with ASP.NET Core Identity's PasswordHasher (PBKDF2-HMAC-SHA512, 100k
/// iterations in the V3 format). An unknown email still costs one hash verification, so response time does not
/// reveal which emails have accounts.</summary>
public sealed class PasswordAuthenticator(UserAccounts users, ICredentialStore credentials)
{
    private static readonly PasswordHasher<AppUser> Hasher = new();
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, "not-a-real-password"));

    public async Task<AppUser?> AuthenticateAsync(string? email, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return null;
        var user = await users.FindByEmailAsync(email.Trim(), ct);
        var hash = user is null ? null : await credentials.GetPasswordHashAsync(user.Id, ct);
        var result = Hasher.VerifyHashedPassword(user!, hash ?? DummyHash.Value, password);
        if (user is null || hash is null || result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await credentials.SetPasswordHashAsync(user.Id, Hasher.HashPassword(user, password), ct);
        return user;
    }

    /// <summary>Stores <paramref name="password"/> hashed for <paramref name="user"/>, replacing any previous one
    /// (callers check <see cref="PasswordPolicy"/> first).</summary>
    public Task SetPasswordAsync(AppUser user, string password, CancellationToken ct) =>
        credentials.SetPasswordHashAsync(user.Id, Hasher.HashPassword(user, password), ct);

    /// <summary><paramref name="password"/>, hashed, as the row written with the user it is created for
    /// (<see cref="UserAccounts.RegisterAsync(string, string, IUserCreationParticipant, CancellationToken)"/>).</summary>
    public IUserCreationParticipant PasswordFor(string password) => new PasswordRow(credentials, password);

    private sealed class PasswordRow(ICredentialStore credentials, string password) : IUserCreationParticipant
    {
        public Task WriteAsync(AppUser user, DbConnection connection, DbTransaction transaction, CancellationToken ct) =>
            credentials.SetPasswordHashAsync(user.Id, Hasher.HashPassword(user, password), connection, transaction, ct);
    }

    /// <summary>Creates an account with a hashed password; returns the existing account if the email is taken.</summary>
    public async Task<AppUser> EnsureAccountAsync(string email, string displayName, string password, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email, ct) ?? await users.CreateAsync(email, displayName, ct);
        if (await credentials.GetPasswordHashAsync(user.Id, ct) is null)
            await credentials.SetPasswordHashAsync(user.Id, Hasher.HashPassword(user, password), ct);
        return user;
    }
}
