namespace Aegis.CalendarSync.Queue;

/// <summary>When <see cref="QueueProcessor"/> last showed it is alive: at every claim pass of its loop and at every
/// lease heartbeat of an item it is working on. Read by the readiness check; process-local (each node its own).</summary>
public sealed class QueueProcessorHeartbeat(TimeProvider time)
{
    private long _lastTicks = long.MinValue;

    /// <summary>Null until the processor has run once.</summary>
    public DateTimeOffset? LastTick
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Tick() => Interlocked.Exchange(ref _lastTicks, time.GetUtcNow().UtcTicks);
}
