using System.Security.Cryptography;

namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>In Development only: generates each missing secret once into the data folder (created with mode 0600
/// so no other local user can read it) and reuses it on later starts, so tokens encrypted yesterday still decrypt.</summary>
public static class DevelopmentSecrets
{
    public static void Apply(IConfigurationManager configuration, string dataDirectory)
    {
        var generated = new Dictionary<string, string?>();
        Provide(configuration, dataDirectory, SecretNames.TokensEncryptionKeyName, "tokens-encryption.key",
            SecretNames.IsValidEncryptionKey, () => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), generated);
        Provide(configuration, dataDirectory, SecretNames.WebhookSecretName, "webhook-secret.key",
            SecretNames.IsValidWebhookSecret, () => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), generated);
        Provide(configuration, dataDirectory, DemoAccount.PasswordKey, "demo-password.txt",
            DemoAccount.IsValidPassword, DemoAccount.GeneratePassword, generated);
        if (generated.Count > 0) configuration.AddInMemoryCollection(generated);
    }

    private static void Provide(IConfiguration configuration, string dataDirectory, string name, string fileName,
        Func<string?, bool> isValid, Func<string> generate, Dictionary<string, string?> generated)
    {
        if (isValid(configuration[name])) return;
        DataDirectory.CreateOwnerOnly(dataDirectory);
        var path = Path.Combine(dataDirectory, fileName);
        if (!File.Exists(path) || !isValid(File.ReadAllText(path).Trim()))
            WriteOwnerOnly(path, generate());
        generated[name] = File.ReadAllText(path).Trim();
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        // UnixCreateMode applies only when the file is created; an existing file with a wider mode is narrowed here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
