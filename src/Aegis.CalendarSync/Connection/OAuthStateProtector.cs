using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection;

/// <summary>Signs OAuth <c>state</c> values: <c>{id}.{expiresUnixSeconds}.{HMAC-SHA256}</c>. A forged or altered state
/// fails the MAC before any database access; expiry is checked from the signed value; single use is enforced by
/// consuming the stored row (see <see cref="Store.IOAuthStateStore"/>).</summary>
public sealed class OAuthStateProtector(IOptions<ConnectionOptions> options)
{
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes("aegis-oauth-state/" + options.Value.StateSigningKey));

    public string Protect(string stateId, DateTimeOffset expiresAt)
    {
        var payload = $"{stateId}.{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return $"{payload}.{Base64Url.EncodeToString(Mac(payload))}";
    }

    /// <summary>The state id and expiry when the MAC is valid; null for anything forged or malformed.</summary>
    public (string StateId, DateTimeOffset ExpiresAt)? Unprotect(string? state)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 256)
        {
            return null;
        }

        var parts = state.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        byte[] mac;
        try
        {
            mac = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }

        var expected = Mac($"{parts[0]}.{parts[1]}");
        return CryptographicOperations.FixedTimeEquals(mac, expected)
            ? (parts[0], DateTimeOffset.FromUnixTimeSeconds(expires))
            : null;
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));
}
