namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>Fails start-up, before anything else is built, when a secret the product cannot run without is missing
/// or malformed, naming the variable and how to make one. (Development gets generated ones, see
/// <see cref="DevelopmentSecrets"/>.)</summary>
public static class RequiredSecrets
{
    public static void EnsurePresent(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (!SecretNames.IsValidEncryptionKey(configuration[SecretNames.TokensEncryptionKeyName]))
            problems.Add($"{SecretNames.TokensEncryptionKeyName} is missing or invalid: it must be 64 hex characters " +
                "(32 random bytes, e.g. `openssl rand -hex 32`); OAuth tokens are encrypted with it.");
        if (!SecretNames.IsValidWebhookSecret(configuration[SecretNames.WebhookSecretName]))
            problems.Add($"{SecretNames.WebhookSecretName} is missing or shorter than 32 characters " +
                "(e.g. `openssl rand -hex 32`); OAuth state is signed with it.");
        if (problems.Count > 0)
            throw new StartupConfigurationException(string.Join(" ", problems));
    }
}
