using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Aegis.CalendarSync.Tests.Google;

/// <summary>A <see cref="FakeTimeProvider"/> that signals every timer it arms (created with a due time, or re-armed
/// through <see cref="ITimer.Change"/> as pooled CancellationTokenSources do), so a test can wait for the code under
/// test to start a delay of a given length and then advance the clock past it (no sleeps).</summary>
public sealed class RecordingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<(TimeSpan DueTime, TaskCompletionSource Signal)> _waiters = new();
    private readonly ConcurrentQueue<TimeSpan> _armed = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RecordingTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Armed(dueTime);
        return timer;
    }

    /// <summary>Completes once a timer due in exactly <paramref name="dueTime"/> was armed; returns that due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(TimeSpan dueTime)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((dueTime, signal));
        if (_armed.Contains(dueTime))
        {
            signal.TrySetResult();
        }

        await signal.Task;
        return dueTime;
    }

    private void Armed(TimeSpan dueTime)
    {
        _armed.Enqueue(dueTime);
        foreach (var waiter in _waiters.Where(w => w.DueTime == dueTime))
        {
            waiter.Signal.TrySetResult();
        }
    }

    private sealed class RecordingTimer(ITimer inner, RecordingTimeProvider owner) : ITimer
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
