using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Aegis.CalendarSync.Testing.Clock;

/// <summary>The one fake clock of the tests and benchmarks. Made with a start time it is a
/// <see cref="FakeTimeProvider"/>: time moves only through <see cref="FakeTimeProvider.Advance(TimeSpan)"/> and
/// <see cref="FakeTimeProvider.SetUtcNow"/>, and timers fire when it passes their due time. Made by
/// <see cref="SystemShiftedBy"/> it reads the system clock plus an offset and arms real timers: another party's clock
/// (Google's servers) ahead of or behind the wallet's, so which side wrote last is decided by the test, not by
/// scheduling. Either way it reports every timer the code under test arms (created with a due time, or re-armed
/// through <see cref="ITimer.Change"/> as pooled CancellationTokenSources are), so a test moves time only once a wait
/// is pending, and never sleeps.</summary>
public sealed class TestClock : FakeTimeProvider
{
    /// <summary>How long <see cref="NextTimerAsync"/> waits: only turns a timer that is never armed into a failure.</summary>
    public static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(15);

    private readonly TimeSpan? _systemOffset;
    private readonly Channel<TimeSpan> _arming = Channel.CreateUnbounded<TimeSpan>();
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _armed = [];
    private readonly List<(TimeSpan DueTime, TaskCompletionSource<TimeSpan> Signal)> _waiters = [];

    /// <summary>A stopped clock reading <paramref name="start"/> until advanced.</summary>
    public TestClock(DateTimeOffset start)
        : base(start)
    {
    }

    private TestClock(TimeSpan systemOffset)
        : base(TimeProvider.System.GetUtcNow()) => _systemOffset = systemOffset;

    /// <summary>The system clock shifted by <paramref name="offset"/> (negative: behind); it keeps running, its timers are
    /// real, and Advance shifts it further.</summary>
    public static TestClock SystemShiftedBy(TimeSpan offset) => new(offset);

    public override long TimestampFrequency => _systemOffset is null ? base.TimestampFrequency : TimeProvider.System.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() =>
        _systemOffset is { } offset ? TimeProvider.System.GetUtcNow() + offset + (base.GetUtcNow() - Start) : base.GetUtcNow();

    public override long GetTimestamp() => _systemOffset is null ? base.GetTimestamp() : TimeProvider.System.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _systemOffset is null
            ? base.CreateTimer(callback, state, dueTime, period)
            : TimeProvider.System.CreateTimer(callback, state, dueTime, period);
        Armed(dueTime);
        return new ReportingTimer(timer, this);
    }

    /// <summary>The due time of the next timer armed (timers in the order they were armed, each reported once); fails
    /// after <see cref="SignalTimeout"/>.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(SignalTimeout);
        return await _arming.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Completes once a timer due in exactly <paramref name="dueTime"/> has been armed, before or after this
    /// call; returns that due time.</summary>
    public Task<TimeSpan> WaitForTimerAsync(TimeSpan dueTime)
    {
        lock (_gate)
        {
            if (_armed.Contains(dueTime))
            {
                return Task.FromResult(dueTime);
            }

            var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, signal));
            return signal.Task;
        }
    }

    private void Armed(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return; // created or changed to disarmed: nothing is waiting on the clock
        }

        _arming.Writer.TryWrite(dueTime);
        List<TaskCompletionSource<TimeSpan>> signalled;
        lock (_gate)
        {
            _armed.Add(dueTime);
            signalled = _waiters.Where(w => w.DueTime == dueTime).Select(w => w.Signal).ToList();
            _waiters.RemoveAll(w => w.DueTime == dueTime);
        }

        foreach (var signal in signalled)
        {
            signal.TrySetResult(dueTime);
        }
    }

    private sealed class ReportingTimer(ITimer inner, TestClock owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            owner.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
