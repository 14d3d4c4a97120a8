using System.Threading.Channels;

namespace Aegis.CalendarSync.Server.Realtime;

/// <summary>One open stream's view of the shared feed: a bounded buffer of updates for its user. When the buffer is
/// full the update is dropped and <see cref="TakeLagged"/> reports it, so the stream re-sends a snapshot instead of
/// the server buffering without bound for a slow client.</summary>
public sealed class ProgressSubscription : IDisposable
{
    private readonly Channel<ProgressUpdate> _updates;
    private readonly Action<ProgressSubscription> _unsubscribe;
    private int _lagged;
    private int _disposed;

    internal ProgressSubscription(Guid userId, int capacity, Action<ProgressSubscription> unsubscribe)
    {
        UserId = userId;
        _unsubscribe = unsubscribe;
        _updates = Channel.CreateBounded<ProgressUpdate>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public Guid UserId { get; }

    public ChannelReader<ProgressUpdate> Updates => _updates.Reader;

    /// <summary>The highest audit id the stream's snapshot contained; null until <see cref="Start"/>. The feed starts
    /// its audit cursor at the lowest of these, so no row committed after a snapshot can be skipped.</summary>
    internal long? StartAuditId { get; private set; }

    public void Start(long lastAuditIdInSnapshot) => StartAuditId = lastAuditIdInSnapshot;

    /// <summary>True once after one or more updates were dropped because the buffer was full.</summary>
    public bool TakeLagged() => Interlocked.Exchange(ref _lagged, 0) == 1;

    internal void Publish(ProgressUpdate update)
    {
        if (!_updates.Writer.TryWrite(update)) Interlocked.Exchange(ref _lagged, 1);
    }

    /// <summary>Ends the stream's wait (the host is stopping).</summary>
    internal void Complete() => _updates.Writer.TryComplete();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _updates.Writer.TryComplete();
        _unsubscribe(this);
    }
}
