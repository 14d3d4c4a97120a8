using System.Threading.Channels;

namespace GoogleCalendarEmulator.Push;

/// <summary>
/// FIFO of push messages. One consumer delivers them in enqueue order, so a message for a later change is never
/// delivered before one for an earlier change (tests rely on this to prove silence without sleeping).
/// </summary>
internal sealed class NotificationQueue
{
    private readonly Channel<PushMessage> _queue = Channel.CreateUnbounded<PushMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private NotificationBehavior _behavior = new(NotificationMode.Normal);
    private int? _remaining;
    private long _written;
    private long _settled;
    private readonly List<(long Target, TaskCompletionSource Done)> _flushes = [];

    public ChannelReader<PushMessage> Reader => _queue.Reader;

    public void SetBehavior(NotificationBehavior behavior)
    {
        lock (_gate)
        {
            _behavior = behavior;
            _remaining = behavior.Count;
        }
    }

    /// <summary>Completes once every message written before the call has been delivered (its receiver answered or the
    /// delivery failed) or skipped because its channel stopped. Messages dropped by <see cref="NotificationMode.Drop"/>
    /// were never written, so after switching to Drop and flushing, no push of an earlier change can still arrive.</summary>
    public Task FlushAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_settled >= _written)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushes.Add((_written, done));
            return done.Task.WaitAsync(ct);
        }
    }

    /// <summary>Called by the single consumer once per message read, after delivering or skipping it.</summary>
    public void Settled()
    {
        lock (_gate)
        {
            _settled++;
            _flushes.RemoveAll(f =>
            {
                if (f.Target > _settled)
                {
                    return false;
                }

                f.Done.TrySetResult();
                return true;
            });
        }
    }

    private void Write(PushMessage message)
    {
        _queue.Writer.TryWrite(message);
        _written++;
    }

    public void Enqueue(WatchChannel channel, string resourceState)
    {
        lock (_gate)
        {
            var message = new PushMessage(channel, channel.NextMessageNumber(), resourceState, TimeSpan.Zero);
            var mode = _behavior.Mode;
            if (_remaining is not null)
            {
                if (_remaining <= 0)
                {
                    mode = NotificationMode.Normal;
                }
                else
                {
                    _remaining--;
                }
            }

            switch (mode)
            {
                case NotificationMode.Drop:
                    return;
                case NotificationMode.Duplicate:
                    Write(message);
                    Write(message);
                    return;
                case NotificationMode.Delay:
                    Write(message with { Delay = TimeSpan.FromMilliseconds(_behavior.DelayMilliseconds ?? 1000) });
                    return;
                default:
                    Write(message);
                    return;
            }
        }
    }
}
