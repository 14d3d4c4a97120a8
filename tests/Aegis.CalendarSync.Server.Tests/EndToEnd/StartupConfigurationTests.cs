using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.EndToEnd;

public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("0123456789abcdef")]
    public async Task Production_refuses_to_start_without_a_valid_tokens_encryption_key(string? key)
    {
        using var data = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["WEBHOOK_SECRET"] = TestSecrets.WebhookSecret(),
            ["STORE_DATA_DIRECTORY"] = data.Path,
            ["Emulator__Enabled"] = "false",
        };
        if (key is not null) environment["TOKENS_ENCRYPTION_KEY"] = key;

        var (exitCode, output) = await ServerProcess.RunToExitAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), environment);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("TOKENS_ENCRYPTION_KEY", output);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Development_generates_the_encryption_key_once_into_the_data_folder_with_owner_only_access()
    {
        using var data = new TempDirectory();
        var uri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["STORE_DATA_DIRECTORY"] = data.Path,
            ["PUBLIC_BASE_URL"] = uri.AbsoluteUri,
        };
        var keyFile = Path.Combine(data.Path, "tokens-encryption.key");

        await using (await ServerProcess.StartAsync(uri, environment))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
        var first = await File.ReadAllTextAsync(keyFile);
        await using (await ServerProcess.StartAsync(uri, environment))
        {
            Assert.Equal(first, await File.ReadAllTextAsync(keyFile));
        }
        Assert.Equal(64, first.Trim().Length);
    }
}
