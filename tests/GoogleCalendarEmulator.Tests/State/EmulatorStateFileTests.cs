using System.Net;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.State;
using GoogleCalendarEmulator.State.Snapshot;
using GoogleCalendarEmulator.Tests.Infrastructure;
using GoogleCalendarEmulator.Tests.OAuth;

namespace GoogleCalendarEmulator.Tests.State;

/// <summary>The run command's emulator state file: what one emulator saved, a new emulator loads, with events, series,
/// shared calendars, refresh tokens and sync tokens all still valid.</summary>
public sealed class EmulatorStateFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aegis-emulator-state-").FullName;

    private string FilePath => Path.Combine(_folder, "nested", "state.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_new_emulator_loading_the_file_has_the_same_events_grants_and_sync_tokens()
    {
        string refreshToken, secondRefreshToken, syncToken, seriesId;
        List<JsonNode> before;
        await using (var first = await EmulatorSession.StartAsync())
        {
            var api = await first.ApiAsync();
            Assert.Equal(HttpStatusCode.OK, (await api.InsertAsync(Events.Timed("Water bill"))).Status);
            seriesId = (await api.InsertSeriesAsync(Series.AllDay("Rent", "2027-01-01", "2027-01-02", "RRULE:FREQ=MONTHLY;COUNT=3"))).Id;
            var secondRent = (await api.InstancesAsync(seriesId)).Items()[1];
            Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync((string)secondRent["id"]!,
                new { start = new { date = "2027-02-03" }, end = new { date = "2027-02-04" } })).Status);
            await first.Admin.AddSharedCalendarAsync(EmulatorSession.Email, "Family", CalendarAccessRoles.Writer);
            refreshToken = (await first.Admin.IssueTokensAsync(EmulatorSession.Email)).RefreshToken!;
            var consent = new OAuthFlow(first.NewClient());
            var (_, again) = await consent.ExchangeAsync((await consent.AuthorizeAsync(loginHint: EmulatorSession.Email, prompt: "consent"))["code"]);
            secondRefreshToken = (string)again["refresh_token"]!;
            (before, syncToken, _) = await api.ListAllAsync("showDeleted=true");

            var file = new EmulatorStateFile(first.Host.State, FilePath);
            Assert.True(file.SaveIfChanged());
            Assert.False(file.SaveIfChanged());
        }

        await using var second = await EmulatorSession.StartAsync();
        Assert.True(new EmulatorStateFile(second.Host.State, FilePath).Load());
        var reopened = await second.ApiAsync();

        var (after, _, _) = await reopened.ListAllAsync("showDeleted=true");
        Assert.Equal(before.Select(e => e.ToJsonString()), after.Select(e => e.ToJsonString()));
        var instances = (await reopened.InstancesAsync(seriesId)).Items();
        Assert.Equal(["2027-01-01", "2027-02-03", "2027-03-01"], instances.Select(i => (string)i["start"]!["date"]!));
        var calendars = await reopened.SendAsync(HttpMethod.Get, "calendar/v3/users/me/calendarList", null);
        Assert.Contains("Family", calendars.Json!["items"]!.AsArray().Select(c => (string?)c!["summary"]));

        var refreshed = await new OAuthFlow(second.NewClient()).RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal(HttpStatusCode.OK, (await new OAuthFlow(second.NewClient()).RefreshAsync(secondRefreshToken)).Status);

        var unchanged = await reopened.ListAsync("syncToken=" + Uri.EscapeDataString(syncToken));
        Assert.Equal(HttpStatusCode.OK, unchanged.Status);
        Assert.Empty(unchanged.Items());
        var edited = await reopened.PatchAsync(before.Single(e => (string?)e["summary"] == "Water bill")["id"]!.ToString(), new { summary = "Water bill (Dec)" });
        Assert.Equal(HttpStatusCode.OK, edited.Status);
        var changed = await reopened.ListAsync("syncToken=" + Uri.EscapeDataString(syncToken));
        Assert.Equal(["Water bill (Dec)"], changed.Items().Select(e => (string)e["summary"]!));
    }

    [Fact]
    public async Task No_file_loads_nothing_and_a_damaged_file_is_refused_naming_it()
    {
        await using var emulator = await EmulatorSession.StartAsync();
        var file = new EmulatorStateFile(emulator.Host.State, FilePath);
        Assert.False(file.Load());

        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await File.WriteAllTextAsync(FilePath, "{ not json");
        var damaged = Assert.Throws<InvalidDataException>(() => file.Load());
        Assert.Contains(file.Path, damaged.Message);

        await File.WriteAllTextAsync(FilePath, """{"version":99,"listTokenKey":"","calendarListTokenKey":"","accounts":[],"grants":[],"channels":[]}""");
        Assert.Contains("version 1", Assert.Throws<InvalidDataException>(() => file.Load()).Message);
    }
}
