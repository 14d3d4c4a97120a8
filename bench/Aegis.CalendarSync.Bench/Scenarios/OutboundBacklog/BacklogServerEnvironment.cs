using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;
using Aegis.CalendarSync.Testing;
using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>The environment of a variant's server process: a production deployment (Production environment,
/// PostgreSQL, Google at the bench's emulator, fresh secrets, the embedded emulator off) whose public base URL is
/// its own loopback address, so the emulator's pushes reach its real webhook. Only what a benchmark must change is
/// changed: sign-up open and the per-address sign-in limit raised (the set-up signs many accounts up from one
/// address), the Google client's quotas at their maximum (<see cref="BenchRateLimits"/>), logging at Warning.</summary>
public static class BacklogServerEnvironment
{
    public static Dictionary<string, string> For(Uri baseUri, EmulatorHost emulator, PrivatePostgres cluster, string dataDirectory,
        IReadOnlyDictionary<string, string> variantSettings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["PUBLIC_BASE_URL"] = baseUri.AbsoluteUri,
            ["TOKENS_ENCRYPTION_KEY"] = TestSecrets.EncryptionKey(),
            ["WEBHOOK_SECRET"] = TestSecrets.WebhookSecret(),
            ["STORE_PROVIDER"] = "postgres",
            ["STORE_CONNECTION_STRING"] = cluster.ServerConnectionString,
            ["STORE_DATA_DIRECTORY"] = dataDirectory,
            ["Server__SeedDemoAccount"] = "false",
            ["Emulator__Enabled"] = "false",
            ["Emulator__Port"] = "0",
            ["Emulator__PersistState"] = "false",
            ["Accounts__AllowSignUp"] = "true",
            ["SignIn__PerAddressPermitLimit"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in BenchRateLimits.ClientSettings().Concat(emulator.GoogleClientSettings()))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        foreach (var (key, value) in variantSettings)
        {
            environment[key] = value;
        }

        return environment;
    }
}
