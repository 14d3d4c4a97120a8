namespace GoogleCalendarEmulator.Quota;

/// <summary>
/// The admission times of one quota holder (a user or a project) within the last <see cref="Window"/>: an exact
/// sliding window, so a request is admitted when fewer than <c>limit</c> requests were admitted in the window ending
/// now, and a refused one learns exactly when the oldest admission leaves it. Not thread-safe: guarded by
/// <see cref="QuotaLedger"/>'s lock.
/// </summary>
internal sealed class SlidingWindowLog(int limit)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTimeOffset> _admitted = new();

    /// <summary>Zero when a request may be admitted at <paramref name="now"/>, else the wait until one may.</summary>
    public TimeSpan WaitAt(DateTimeOffset now)
    {
        while (_admitted.Count > 0 && _admitted.Peek() <= now - Window)
        {
            _admitted.Dequeue();
        }

        return _admitted.Count < limit ? TimeSpan.Zero : _admitted.Peek() + Window - now;
    }

    public void Admit(DateTimeOffset now) => _admitted.Enqueue(now);
}
