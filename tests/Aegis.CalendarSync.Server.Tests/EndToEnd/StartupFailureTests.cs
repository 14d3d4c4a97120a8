using System.Net;
using System.Net.Sockets;
using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.EndToEnd;

/// <summary>Issue 10: the real server process refuses every bad start with one clear line on stderr and a non-zero exit
/// code, never a stack trace or an abort; Production refuses the embedded emulator (its admin API is unauthenticated).</summary>
public sealed class StartupFailureTests
{
    public static TheoryData<string, string, string> BadConfigurations() => new()
    {
        { "TOKENS_ENCRYPTION_KEY", "", "TOKENS_ENCRYPTION_KEY" },
        { "TOKENS_ENCRYPTION_KEY", "0123456789abcdef", "TOKENS_ENCRYPTION_KEY" },
        { "WEBHOOK_SECRET", "", "WEBHOOK_SECRET" },
        { "Emulator__Enabled", "true", "Emulator:Enabled" },
        { "SignIn__MaxFailedAttempts", "0", "MaxFailedAttempts" },
        { "OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "OTEL_EXPORTER_OTLP_ENDPOINT" },
        { "STORE_CONNECTION_STRING", $"Host=127.0.0.1;Port={FreePort.Next()};Username=aegis;Password=x;Database=aegis;Timeout=3", "database" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task Production_refuses_a_bad_configuration_with_one_line_and_no_stack_trace(string key, string value, string named)
    {
        using var data = new TempDirectory();
        var environment = ProductionEnvironment(data.Path);
        if (value.Length == 0) environment.Remove(key);
        else environment[key] = value;
        if (key == "STORE_CONNECTION_STRING") environment["STORE_PROVIDER"] = "postgres";

        var (exitCode, output, error) = await ServerProcess.RunToExitWithStderrAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), environment);

        AssertOneLineFailure(exitCode, output, error, named);
    }

    [Fact]
    public async Task A_busy_port_is_one_line_naming_the_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var data = new TempDirectory();

        var (exitCode, output, error) = await ServerProcess.RunToExitWithStderrAsync(new Uri($"http://127.0.0.1:{port}/"), ProductionEnvironment(data.Path));

        AssertOneLineFailure(exitCode, output, error, $"127.0.0.1:{port}");
        Assert.Contains("in use", error);
    }

    private static void AssertOneLineFailure(int exitCode, string output, string error, string named)
    {
        Assert.True(exitCode is not 0 and not 134 and not -6 and not 139, $"exit code {exitCode}:\n{output}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("Aegis Calendar Sync cannot start: ", line);
        Assert.Contains(named, line);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    private static Dictionary<string, string> ProductionEnvironment(string dataDirectory) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["TOKENS_ENCRYPTION_KEY"] = TestSecrets.EncryptionKey(),
        ["WEBHOOK_SECRET"] = TestSecrets.WebhookSecret(),
        ["GOOGLE_CLIENT_ID"] = "aegis-test-client",
        ["GOOGLE_CLIENT_SECRET"] = "aegis-test-client-secret",
        ["STORE_DATA_DIRECTORY"] = dataDirectory,
        ["Emulator__Enabled"] = "false",
    };
}
