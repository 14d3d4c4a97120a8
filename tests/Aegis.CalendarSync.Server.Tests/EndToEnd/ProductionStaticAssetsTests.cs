using System.Diagnostics;
using System.Net;
using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.EndToEnd;

/// <summary>Issue 10: in Production the UI's framework script and the app's own assets are served, both from the build
/// output (<c>dotnet run</c>) and from <c>dotnet publish</c> output.</summary>
public sealed class ProductionStaticAssetsTests
{
    [Fact]
    public async Task Production_serves_blazor_web_js_from_the_build_output()
    {
        await AssertAssetsServedAsync(ServerProcess.LocateServerDll());
    }

    [Fact]
    public async Task Production_serves_blazor_web_js_from_publish_output()
    {
        using var publish = new TempDirectory();
        var built = ServerProcess.LocateServerDll();
        var framework = Path.GetDirectoryName(built)!;
        var configuration = Path.GetFileName(Path.GetDirectoryName(framework)!);
        var project = Path.GetFullPath(Path.Combine(framework, "..", "..", "..", "Aegis.CalendarSync.Server.csproj"));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "--no-build", "-c", configuration, "-o", publish.Path, "-nologo", "-v", "q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await output}{await error}");
        }

        await AssertAssetsServedAsync(Path.Combine(publish.Path, "Aegis.CalendarSync.Server.dll"));
    }

    private static async Task AssertAssetsServedAsync(string dll)
    {
        using var data = new TempDirectory();
        var uri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var server = await ServerProcess.StartAsync(uri, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["TOKENS_ENCRYPTION_KEY"] = TestSecrets.EncryptionKey(),
            ["WEBHOOK_SECRET"] = TestSecrets.WebhookSecret(),
            ["GOOGLE_CLIENT_ID"] = "aegis-test-client",
            ["GOOGLE_CLIENT_SECRET"] = "aegis-test-client-secret",
            ["STORE_DATA_DIRECTORY"] = data.Path,
            ["PUBLIC_BASE_URL"] = uri.AbsoluteUri,
            ["Emulator__Enabled"] = "false",
        }, dll);
        using var http = new HttpClient { BaseAddress = uri };

        var script = await http.GetAsync("_framework/blazor.web.js");
        Assert.True(script.StatusCode == HttpStatusCode.OK, $"blazor.web.js: {(int)script.StatusCode}\n{server.Output}");
        Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType);
        var login = await http.GetStringAsync("login");
        foreach (var asset in System.Text.RegularExpressions.Regex.Matches(login, "(?:href|src)=\"([^\"]+\\.(?:css|js))\"").Select(m => m.Groups[1].Value))
            Assert.True((await http.GetAsync(asset)).StatusCode == HttpStatusCode.OK, $"{asset} not served");
    }
}
