using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Aegis.CalendarSync.Feeds;

/// <summary>Feed tokens: 32 bytes (256 bits) from the OS CSPRNG, base64url without padding (43 URL-safe characters).
/// Only <see cref="Hash"/> of a token is ever stored; the token itself is handed to the user once.</summary>
internal static class FeedTokens
{
    public const int TokenBytes = 32;

    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes (64 characters). Any string hashes, well-formed or
    /// not, so an unknown token costs the same work as a known one. A preimage search over 256 bits is infeasible,
    /// so a leaked hash does not give the URL away.</summary>
    public static string Hash(string token)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), digest);
        return Convert.ToHexStringLower(digest);
    }
}
