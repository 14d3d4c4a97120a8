using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Aegis.CalendarSync.Tests.Google;

/// <summary>A <see cref="FakeTimeProvider"/> that signals each timer it creates, so a test can wait for the code
/// under test to start a delay of a given length and then advance the clock past it (no sleeps).</summary>
public sealed class RecordingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<(TimeSpan DueTime, TaskCompletionSource Signal)> _waiters = new();
    private readonly ConcurrentQueue<TimeSpan> _created = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Enqueue(dueTime);
        foreach (var waiter in _waiters.Where(w => w.DueTime == dueTime))
        {
            waiter.Signal.TrySetResult();
        }

        return timer;
    }

    /// <summary>Completes once a timer due in exactly <paramref name="dueTime"/> exists; returns that due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(TimeSpan dueTime)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((dueTime, signal));
        if (_created.Contains(dueTime))
        {
            signal.TrySetResult();
        }

        await signal.Task;
        return dueTime;
    }
}
