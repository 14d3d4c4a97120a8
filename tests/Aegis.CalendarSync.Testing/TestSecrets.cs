using System.Security.Cryptography;

namespace Aegis.CalendarSync.Testing;

/// <summary>Fresh random secrets for one harness: nothing a test or benchmark run uses outlives it.</summary>
public static class TestSecrets
{
    public static string EncryptionKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static string WebhookSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public static string Password() => "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}
