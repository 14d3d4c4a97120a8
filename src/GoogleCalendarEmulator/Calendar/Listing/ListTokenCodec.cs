using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace GoogleCalendarEmulator.Calendar.Listing;

/// <summary>
/// Opaque sync/page tokens: base64url(JSON payload ‖ HMAC-SHA256 tag). The key is random per emulator state, so
/// forged tokens and tokens from before a reset fail verification.
/// </summary>
internal sealed class ListTokenCodec
{
    private const int TagLength = 16;
    private readonly byte[] _key;

    public ListTokenCodec()
        : this(RandomNumberGenerator.GetBytes(32))
    {
    }

    /// <summary>A codec with a given signing key: one restored from a snapshot accepts the tokens issued before.</summary>
    public ListTokenCodec(byte[] key) => _key = key;

    public string KeyBase64 => Convert.ToBase64String(_key);

    public static string NewResourceId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18));

    public string Encode<T>(T position)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(position);
        var tag = HMACSHA256.HashData(_key, payload).AsSpan(0, TagLength);
        return WebEncoders.Base64UrlEncode([.. payload, .. tag]);
    }

    public ListPosition? TryDecode(string token) => TryDecode<ListPosition>(token);

    /// <summary>The payload of a token this codec issued, or null for anything else (forged, another codec's, reset).</summary>
    public T? TryDecode<T>(string token)
        where T : class
    {
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length <= TagLength)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - TagLength);
        var expected = HMACSHA256.HashData(_key, payload).AsSpan(0, TagLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - TagLength)))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
