namespace Aegis.CalendarSync.Server.Auth;

/// <summary>Password hashes of app users (server-owned table <c>app_user_credentials</c>).</summary>
public interface ICredentialStore
{
    Task<string?> GetPasswordHashAsync(Guid userId, CancellationToken ct);
    Task SetPasswordHashAsync(Guid userId, string passwordHash, CancellationToken ct);
}
