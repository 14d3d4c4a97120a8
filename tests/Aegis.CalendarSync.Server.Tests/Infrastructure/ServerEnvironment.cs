using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>The environment of the server process as deployed: Production, SQLite in <c>dataDirectory</c>, Google at
/// the emulator, the demo account seeded with <c>password</c>, the built-in emulator off.</summary>
public static class ServerEnvironment
{
    public static Dictionary<string, string> Production(Uri baseUri, EmulatorHost emulator, string dataDirectory, string password,
        string encryptionKey, string webhookSecret) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["PUBLIC_BASE_URL"] = baseUri.AbsoluteUri,
        ["TOKENS_ENCRYPTION_KEY"] = encryptionKey,
        ["WEBHOOK_SECRET"] = webhookSecret,
        ["STORE_PROVIDER"] = "sqlite",
        ["STORE_DATA_DIRECTORY"] = dataDirectory,
        ["GOOGLE_CLIENT_ID"] = OAuthClientRegistration.DefaultClientId,
        ["GOOGLE_CLIENT_SECRET"] = OAuthClientRegistration.DefaultClientSecret,
        ["GOOGLE_API_BASE_URL"] = emulator.BaseUri.AbsoluteUri,
        ["GOOGLE_OAUTH_AUTHORIZE_URL"] = new Uri(emulator.BaseUri, "o/oauth2/v2/auth").AbsoluteUri,
        ["GOOGLE_TOKEN_URL"] = new Uri(emulator.BaseUri, "token").AbsoluteUri,
        ["GOOGLE_REVOKE_URL"] = new Uri(emulator.BaseUri, "revoke").AbsoluteUri,
        ["Server__SeedDemoAccount"] = "true",
        ["DEMO_PASSWORD"] = password,
        ["Emulator__Enabled"] = "false",
    };
}
