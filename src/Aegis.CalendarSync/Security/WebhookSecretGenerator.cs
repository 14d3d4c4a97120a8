using System.Buffers.Text;
using System.Security.Cryptography;

namespace Aegis.CalendarSync.Security;

/// <summary>Per-user secrets sent to Google as the channel token (≤ 256 chars allowed; these are 43).</summary>
internal static class WebhookSecretGenerator
{
    public const int SecretBytes = 32;

    /// <summary>32 bytes from the OS CSPRNG, base64url without padding (43 chars, header-safe).</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
}
