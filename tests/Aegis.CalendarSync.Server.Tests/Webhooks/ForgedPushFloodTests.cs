using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Push;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Server.Tests.Webhooks;

/// <summary>A flood of forged pushes through the real server (issue 12): each is answered as any push is and counted
/// by reason in the metrics, but the log gets one line for the whole flood, not one warning per push.</summary>
public sealed partial class ForgedPushFloodTests : IAsyncLifetime
{
    private const int Forged = 200;
    private readonly CapturedLog _log = new();
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync(new TestServerOptions { Logging = b => b.AddProvider(_log) });
        _user = await _server.CreateUserAsync("flood@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_flood_of_forged_pushes_is_counted_push_by_push_and_logged_in_one_line()
    {
        var channel = (await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!;
        var before = _log.Snapshot();

        for (var i = 0; i < Forged; i++)
        {
            var response = await GooglePush.SendAsync(_server, channel with { WebhookSecret = "forged" }, "exists", channel.LastMessageNumber + 1 + i);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var lines = _log.Snapshot().Skip(before.Count).Where(l => l.Level >= LogLevel.Warning).ToList();
        var line = Assert.Single(lines);
        Assert.Equal($"Rejected Google push for channel {channel.GoogleChannelId}: InvalidToken (0 more refused since the previous line)", line.Text);
        Assert.DoesNotContain("forged", line.Text, StringComparison.Ordinal);
        var metrics = await _server.CreateClient().GetStringAsync("metrics");
        Assert.Equal(Forged, RejectedCount(metrics, "InvalidToken"));
        Assert.Equal(channel.LastMessageNumber, (await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!.LastMessageNumber);
    }

    /// <summary>The value of the webhook's rejection counter for <paramref name="reason"/> in the Prometheus text.</summary>
    private static double RejectedCount(string metrics, string reason) =>
        RejectedLine().Matches(metrics).Where(m => m.Groups["labels"].Value.Contains($"reason=\"{reason}\"", StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^aegis_webhook_rejected(?:_total)?\{(?<labels>[^}]*)\} (?<value>[0-9.e+]+)", RegexOptions.Multiline)]
    private static partial Regex RejectedLine();

    private sealed record LogLine(LogLevel Level, string Category, string Text);

    /// <summary>Every line the server logs (all categories, all levels), in order.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly Lock _gate = new();
        private readonly List<LogLine> _lines = [];

        public IReadOnlyList<LogLine> Snapshot()
        {
            lock (_gate) return [.. _lines];
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (log._gate) log._lines.Add(new LogLine(logLevel, category, formatter(state, exception)));
            }
        }
    }
}
