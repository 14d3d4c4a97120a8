using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace GoogleCalendarEmulator.Tests.Infrastructure;

/// <summary>A fake clock that also reports when code starts waiting on it, so tests advance time only once a wait is pending.</summary>
public sealed class SignalingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero))
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Completes when the next timer is created, giving its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Signal);
        return await _timers.Reader.ReadAsync(timeout.Token);
    }
}
