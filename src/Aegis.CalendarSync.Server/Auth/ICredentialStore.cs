namespace Aegis.CalendarSync.Server.Auth;

/// <summary>Password hashes of app users (server-owned table <c>app_user_credentials</c>).</summary>
public interface ICredentialStore
{
    Task<string?> GetPasswordHashAsync(Guid userId, CancellationToken ct);
    Task SetPasswordHashAsync(Guid userId, string passwordHash, CancellationToken ct);
    /// <summary>The same write on the caller's connection and transaction (the one creating the user).</summary>
    Task SetPasswordHashAsync(Guid userId, string passwordHash, System.Data.Common.DbConnection connection,
        System.Data.Common.DbTransaction transaction, CancellationToken ct);
}
