using System.Security.Cryptography;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

public static class TestSecrets
{
    public static string EncryptionKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static string WebhookSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public static string Password() => "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}
