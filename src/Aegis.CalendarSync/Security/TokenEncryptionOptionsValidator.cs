using System.Globalization;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Security;

/// <summary>Fails fast at start-up on a missing, short or non-hex key, or a key id clash; messages never echo key material.</summary>
internal sealed class TokenEncryptionOptionsValidator : IValidateOptions<TokenEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenEncryptionOptions options)
    {
        var failures = new List<string>();
        CheckKey(failures, $"{TokenEncryptionOptions.SectionName}:Key ({TokenEncryptionOptions.KeyEnvironmentVariable})", options.Key);
        if (options.KeyId is < 1 or > 255)
        {
            failures.Add($"{TokenEncryptionOptions.SectionName}:KeyId must be within 1..255 (got {options.KeyId}).");
        }

        foreach (var (id, key) in options.PreviousKeys)
        {
            if (!byte.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId) || keyId == 0)
            {
                failures.Add($"{TokenEncryptionOptions.SectionName}:PreviousKeys id '{id}' must be a number within 1..255.");
            }
            else if (keyId == options.KeyId)
            {
                failures.Add($"{TokenEncryptionOptions.SectionName}:PreviousKeys must not reuse the current KeyId {keyId}.");
            }

            CheckKey(failures, $"{TokenEncryptionOptions.SectionName}:PreviousKeys:{id}", key);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckKey(List<string> failures, string setting, string? hex)
    {
        if (string.IsNullOrEmpty(hex))
        {
            failures.Add($"{setting} is required: 64 hex characters (a 256-bit key, e.g. `openssl rand -hex 32`).");
        }
        else if (hex.Length != 64)
        {
            failures.Add($"{setting} must be exactly 64 hex characters (got {hex.Length}).");
        }
        else if (!hex.All(char.IsAsciiHexDigit))
        {
            failures.Add($"{setting} must contain only hex characters 0-9a-f.");
        }
    }
}
