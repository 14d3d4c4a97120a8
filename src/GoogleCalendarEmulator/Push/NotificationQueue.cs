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

    public ChannelReader<PushMessage> Reader => _queue.Reader;

    public void SetBehavior(NotificationBehavior behavior)
    {
        lock (_gate)
        {
            _behavior = behavior;
            _remaining = behavior.Count;
        }
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
                    _queue.Writer.TryWrite(message);
                    _queue.Writer.TryWrite(message);
                    return;
                case NotificationMode.Delay:
                    _queue.Writer.TryWrite(message with { Delay = TimeSpan.FromMilliseconds(_behavior.DelayMilliseconds ?? 1000) });
                    return;
                default:
                    _queue.Writer.TryWrite(message);
                    return;
            }
        }
    }
}
