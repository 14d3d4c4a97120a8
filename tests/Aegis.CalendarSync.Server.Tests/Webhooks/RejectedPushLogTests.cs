using Aegis.CalendarSync.Connection.Push;
using Aegis.CalendarSync.Server.Webhooks;
using Aegis.CalendarSync.Testing.Clock;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Server.Tests.Webhooks;

/// <summary>A flood of forged pushes costs one log line per minute, not one per push.</summary>
public sealed class RejectedPushLogTests
{
    [Fact]
    public void Refusals_are_logged_at_most_once_a_minute_with_the_count_of_those_in_between()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var logger = new LineLogger();
        var log = new RejectedPushLog(clock, logger);
        var forged = new PushNotification("channel-1", "forged", "resource", "exists", "7");

        log.Record(forged, PushOutcome.InvalidToken);
        for (var i = 0; i < 500; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            log.Record(forged, PushOutcome.InvalidToken);
        }

        clock.Advance(RejectedPushLog.Interval);
        log.Record(forged, PushOutcome.UnknownChannel);

        Assert.Equal(
        [
            "Rejected Google push for channel channel-1: InvalidToken (0 more refused since the previous line)",
            "Rejected Google push for channel channel-1: UnknownChannel (500 more refused since the previous line)",
        ], logger.Lines);
        Assert.DoesNotContain(logger.Lines, l => l.Contains("forged", StringComparison.Ordinal));
    }

    private sealed class LineLogger : ILogger<RejectedPushLog>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
