using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Security;

/// <summary>AES-256-GCM. Stored form: base64( keyId (1 byte) ‖ nonce (12) ‖ ciphertext ‖ tag (16) ).
/// The key id byte and the caller's context are both authenticated as associated data, so changing any byte
/// (key id included) fails the tag check. Nonces are random: with 96-bit nonces the collision bound stays
/// below 2^-32 for up to 2^32 encryptions per key (NIST SP 800-38D §8.3), far above token-refresh volume.</summary>
internal sealed class AesGcmTokenEncryptor : ITokenEncryptor
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize;

    private readonly byte _currentKeyId;
    private readonly IReadOnlyDictionary<byte, byte[]> _keys;

    public AesGcmTokenEncryptor(IOptions<TokenEncryptionOptions> options)
    {
        var value = options.Value;
        var validation = new TokenEncryptionOptionsValidator().Validate(null, value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(TokenEncryptionOptions.SectionName, typeof(TokenEncryptionOptions), validation.Failures);
        }

        _currentKeyId = (byte)value.KeyId;
        var keys = new Dictionary<byte, byte[]> { [_currentKeyId] = Convert.FromHexString(value.Key) };
        foreach (var (id, hex) in value.PreviousKeys)
        {
            keys[byte.Parse(id, CultureInfo.InvariantCulture)] = Convert.FromHexString(hex);
        }

        _keys = keys;
    }

    public string Encrypt(string plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(context);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[HeaderSize + plain.Length + TagSize];
        output[0] = _currentKeyId;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(HeaderSize, plain.Length), output.AsSpan(HeaderSize + plain.Length), AssociatedData(_currentKeyId, context));
        return Convert.ToBase64String(output);
    }

    public string Decrypt(string ciphertext, string context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = DecodeEnvelope(ciphertext);
        var keyId = data[0];
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new TokenDecryptionException($"Token was encrypted with key id {keyId}, which is not configured (current {_currentKeyId}).");
        }

        var cipherLength = data.Length - HeaderSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(1, NonceSize), data.AsSpan(HeaderSize, cipherLength), data.AsSpan(HeaderSize + cipherLength), plain, AssociatedData(keyId, context));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new TokenDecryptionException("Token failed authentication: it was tampered with, belongs to another context, or the key is wrong.", ex);
        }

        return Encoding.UTF8.GetString(plain);
    }

    public bool IsCurrentKey(string ciphertext) => DecodeEnvelope(ciphertext)[0] == _currentKeyId;

    private static byte[] DecodeEnvelope(string ciphertext)
    {
        byte[] data;
        try
        {
            data = Convert.FromBase64String(ciphertext ?? throw new ArgumentNullException(nameof(ciphertext)));
        }
        catch (FormatException ex)
        {
            throw new TokenDecryptionException("Token is not valid base64.", ex);
        }

        if (data.Length < HeaderSize + TagSize)
        {
            throw new TokenDecryptionException($"Token is too short ({data.Length} bytes) to hold a key id, nonce and tag.");
        }

        return data;
    }

    private static byte[] AssociatedData(byte keyId, string context)
    {
        var aad = new byte[1 + Encoding.UTF8.GetByteCount(context)];
        aad[0] = keyId;
        Encoding.UTF8.GetBytes(context, aad.AsSpan(1));
        return aad;
    }
}
