using System.Security.Cryptography;
using System.Text;
using Aegis.CalendarSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Auth;

/// <summary>Issues opaque bearer tokens (256 random bits, base64url) and resolves them to a user. Only the SHA-256
/// of a token is stored, so a leaked database row cannot be replayed as a token.</summary>
public sealed class ApiTokenService(IApiTokenStore store, IOptions<ServerOptions> options, TimeProvider time)
{
    public async Task<IssuedToken> IssueAsync(Guid userId, CancellationToken ct)
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var expiresAt = now + options.Value.ApiTokenLifetime;
        await store.AddAsync(Hash(token), userId, now, expiresAt, ct);
        // Purging on issue keeps the table bounded by the tokens alive now, without a separate job.
        await store.DeleteExpiredAsync(now, ct);
        return new IssuedToken(token, expiresAt);
    }

    public Task<Guid?> ResolveAsync(string token, CancellationToken ct) =>
        store.FindUserIdAsync(Hash(token), time.GetUtcNow(), ct);

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);
