using Aegis.CalendarSync.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Security;

public sealed class AesGcmTokenEncryptorTests
{
    private const string KeyA = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private const string KeyB = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    private const string Context = "google/user-1/refresh_token";

    private static AesGcmTokenEncryptor Create(string key, int keyId = 1, Dictionary<string, string>? previous = null) =>
        new(Options.Create(new TokenEncryptionOptions { Key = key, KeyId = keyId, PreviousKeys = previous ?? [] }));

    [Fact]
    public void Round_trip_returns_the_plaintext_and_each_encryption_uses_a_fresh_nonce()
    {
        var encryptor = Create(KeyA);

        var first = encryptor.Encrypt("1//refresh-token-ü", Context);
        var second = encryptor.Encrypt("1//refresh-token-ü", Context);

        Assert.Equal("1//refresh-token-ü", encryptor.Decrypt(first, Context));
        Assert.NotEqual(first, second);
        var bytes = Convert.FromBase64String(first);
        Assert.Equal(1, bytes[0]);
        Assert.Equal(1 + 12 + "1//refresh-token-ü"u8.Length + 16, bytes.Length);
    }

    [Theory]
    [InlineData(0)]   // key id
    [InlineData(5)]   // nonce
    [InlineData(20)]  // ciphertext
    [InlineData(-1)]  // tag (last byte)
    public void Any_tampered_byte_fails_with_token_decryption_exception(int index)
    {
        var encryptor = Create(KeyA, previous: new() { ["2"] = KeyB });
        var bytes = Convert.FromBase64String(encryptor.Encrypt("access-token-with-some-length", Context));
        var position = index < 0 ? bytes.Length + index : index;
        bytes[position] ^= index == 0 ? (byte)0x03 : (byte)0x01;

        Assert.Throws<TokenDecryptionException>(() => encryptor.Decrypt(Convert.ToBase64String(bytes), Context));
    }

    [Fact]
    public void Ciphertext_bound_to_one_context_does_not_decrypt_in_another()
    {
        var encryptor = Create(KeyA);
        var ciphertext = encryptor.Encrypt("secret", "google/user-1/access_token");

        Assert.Throws<TokenDecryptionException>(() => encryptor.Decrypt(ciphertext, "google/user-2/access_token"));
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("AQID")]
    public void Malformed_input_fails_with_token_decryption_exception(string input) =>
        Assert.Throws<TokenDecryptionException>(() => Create(KeyA).Decrypt(input, Context));

    [Fact]
    public void Rotation_keeps_old_ciphertexts_readable_and_encrypts_with_the_new_key()
    {
        var before = Create(KeyA, keyId: 1);
        var old = before.Encrypt("refresh", Context);
        var after = Create(KeyB, keyId: 2, previous: new() { ["1"] = KeyA });

        Assert.Equal("refresh", after.Decrypt(old, Context));
        Assert.False(after.IsCurrentKey(old));
        var reEncrypted = after.Encrypt("refresh", Context);
        Assert.True(after.IsCurrentKey(reEncrypted));
        Assert.Equal(2, Convert.FromBase64String(reEncrypted)[0]);
        var ex = Assert.Throws<TokenDecryptionException>(() => before.Decrypt(reEncrypted, Context));
        Assert.Contains("key id 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("0011", "exactly 64 hex characters (got 4)")]
    [InlineData("zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "only hex characters")]
    public void Invalid_key_configuration_fails_fast_with_a_clear_message(string key, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Create(key));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("TOKENS_ENCRYPTION_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Previous_key_reusing_the_current_id_is_rejected()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Create(KeyA, keyId: 1, previous: new() { ["1"] = KeyB }));

        Assert.Contains("must not reuse the current KeyId 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_reads_the_key_from_TOKENS_ENCRYPTION_KEY_and_validates_on_start()
    {
        using var valid = BuildServices(new() { ["TOKENS_ENCRYPTION_KEY"] = KeyA });
        var encryptor = valid.GetRequiredService<ITokenEncryptor>();
        Assert.Equal("x", encryptor.Decrypt(encryptor.Encrypt("x", Context), Context));

        using var invalid = BuildServices(new() { ["TOKENS_ENCRYPTION_KEY"] = "abc" });
        Assert.Throws<OptionsValidationException>(() => invalid.GetRequiredService<IOptions<TokenEncryptionOptions>>().Value);
    }

    private static ServiceProvider BuildServices(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddTokenEncryption();
        return services.BuildServiceProvider();
    }
}
