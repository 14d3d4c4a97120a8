using GoogleCalendarEmulator.Hosting;

namespace GoogleCalendarEmulator.Tests.Compatibility;

/// <summary>Google's official Node.js clients (@googleapis/calendar + google-auth-library, which this project did not
/// write) run unchanged against the emulator: OAuth code + PKCE, insert/get/patch/update with If-Match, paging and sync
/// tokens, deletions, 409/410/412/400 errors, watch/stop, calendarList paging and sync, events.move, token refresh and
/// revoke, and recurring events (events.instances, patch and delete of one instance seen by an incremental sync,
/// singleEvents expansion). (This Node client has no batch support; Google's .NET BatchRequest covers batch:
/// GoogleApisBatchTests.) The script is
/// tests/client-compat/calendar-client-check.mjs; `bash .ci/run` installs its packages with `npm ci`.</summary>
public sealed class OfficialNodeClientTests
{
    [Fact]
    public async Task Google_official_node_calendar_client_works_against_the_emulator_unchanged()
    {
        var folder = NodeScript.PackageFolder("client-compat");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "@googleapis", "calendar")),
            $"Run `npm ci` in {folder} (bash .ci/run does) to install Google's Node.js client.");
        // Google's own quotas (600 per user and 10,000 per project per sliding minute) are far above what the script needs.
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = true });

        var result = await NodeScript.RunAsync(folder, TimeSpan.FromMinutes(2), "calendar-client-check.mjs", emulator.BaseUri.ToString());

        Assert.True(result.ExitCode == 0, $"{result.Output}\n{result.Errors}");
        Assert.Contains("\"passed\": 16", result.Output);
    }
}
