using System.Net.Http.Headers;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;

namespace GoogleCalendarEmulator.Tests.Infrastructure;

/// <summary>An in-process emulator on a random port with a fake clock, a raw HttpClient and the admin client.</summary>
public sealed class EmulatorSession : IAsyncDisposable
{
    public const string Email = "demo@example.com";
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private EmulatorSession(EmulatorHost host, TestClock time)
    {
        Host = host;
        Time = time;
        Http = NewClient();
        Admin = new EmulatorAdminClient(Http);
    }

    public EmulatorHost Host { get; }
    public TestClock Time { get; }
    public HttpClient Http { get; }
    public EmulatorAdminClient Admin { get; }

    public static async Task<EmulatorSession> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var time = new TestClock(Start);
        var options = new EmulatorOptions { TimeProvider = time, AutoApprove = true };
        configure?.Invoke(options);
        return new EmulatorSession(await EmulatorHost.StartAsync(options), time);
    }

    /// <summary>A client acting for <paramref name="email"/> with a freshly issued bearer token.</summary>
    public async Task<CalendarApi> ApiAsync(string email = Email)
    {
        var tokens = await Admin.IssueTokensAsync(email);
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return new CalendarApi(client);
    }

    public HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseUri };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
