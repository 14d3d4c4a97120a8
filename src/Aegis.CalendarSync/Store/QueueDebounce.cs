namespace Aegis.CalendarSync.Store;

/// <summary>A trailing debounce for enqueued from_google work: the item falls due <see cref="Quiet"/> after the latest
/// request, but never more than <see cref="MaxDelay"/> after the first request of the pending item, so a steady stream
/// of pushes still runs at least once per <see cref="MaxDelay"/>. <see cref="None"/>: due at once.</summary>
public sealed record QueueDebounce
{
    public QueueDebounce(TimeSpan quiet, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quiet, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, quiet);
        Quiet = quiet;
        MaxDelay = maxDelay;
    }

    public static QueueDebounce None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public TimeSpan Quiet { get; }

    public TimeSpan MaxDelay { get; }
}
