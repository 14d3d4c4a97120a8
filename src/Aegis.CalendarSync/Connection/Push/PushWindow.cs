namespace Aegis.CalendarSync.Connection.Push;

/// <summary>The debounce state of one channel on this node (see <see cref="PushWindows"/> for the guarantees). Open
/// from a write until <see cref="ConnectionOptions.PushDebounce"/> later; pushes meanwhile (or while a write is in
/// flight) are absorbed and written by the flush once it ended. All transitions hold the window's lock.</summary>
internal sealed class PushWindow(Guid userId, string? calendarId)
{
    private readonly Lock _gate = new();
    private long _highestSeen;
    private DateTimeOffset? _openUntil;
    private bool _writing;
    private bool _pending;
    private long _pendingMessage;
    private DateTimeOffset _lastActivity = DateTimeOffset.MinValue;
    private bool _forgotten;

    public Guid UserId { get; } = userId;

    /// <summary>The calendar the channel watches: its pushes enqueue an incremental sync of that calendar only.</summary>
    public string? CalendarId { get; } = calendarId;

    /// <summary>When the absorbed pushes fall due for the flush; null when there are none.</summary>
    public DateTimeOffset? PendingUntil
    {
        get
        {
            lock (_gate) return _pending ? _openUntil ?? DateTimeOffset.MinValue : null;
        }
    }

    public PushAdmission Accept(long messageNumber, DateTimeOffset now, TimeSpan quiet)
    {
        lock (_gate)
        {
            if (_forgotten) return PushAdmission.Stale;
            if (messageNumber <= _highestSeen) return PushAdmission.Duplicate;
            _highestSeen = messageNumber;
            _lastActivity = now;
            if (_writing || (_openUntil is { } end && now < end))
            {
                _pending = true;
                _pendingMessage = Math.Max(_pendingMessage, messageNumber);
                return PushAdmission.Absorbed;
            }

            // This write comes after every push absorbed before it, so it covers them too.
            _pending = false;
            _pendingMessage = 0;
            _writing = true;
            _openUntil = now + quiet;
            return PushAdmission.Write;
        }
    }

    /// <summary>The highest absorbed message number when the window ended with pushes to write (the caller writes
    /// them and calls <see cref="WriteDone"/>; the next window opens now); otherwise null.</summary>
    public long? TakeDue(DateTimeOffset now, TimeSpan quiet)
    {
        lock (_gate)
        {
            if (_writing || !_pending || (_openUntil is { } end && now < end)) return null;
            var message = _pendingMessage;
            _pending = false;
            _pendingMessage = 0;
            _writing = true;
            _openUntil = now + quiet;
            return message;
        }
    }

    public void WriteDone()
    {
        lock (_gate) _writing = false;
    }

    /// <summary>A write failed: the next push writes again (<paramref name="reopen"/> false, a push's own write), or the
    /// flushed pushes are kept for the next flush.</summary>
    public void WriteFailed(bool reopen, long messageNumber = 0)
    {
        lock (_gate)
        {
            if (!reopen)
            {
                _openUntil = null;
                return;
            }

            _pending = true;
            _pendingMessage = Math.Max(_pendingMessage, messageNumber);
        }
    }

    /// <summary>A sync of the channel's calendar starts on this node: everything absorbed so far is covered by its list.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _pending = false;
            _pendingMessage = 0;
            _openUntil = null;
        }
    }

    /// <summary>Marks the window forgotten when nothing is pending or in flight and it saw no push since
    /// <paramref name="idleSince"/>; true when it did.</summary>
    public bool TryForget(DateTimeOffset idleSince)
    {
        lock (_gate)
        {
            if (_writing || _pending || _lastActivity >= idleSince) return false;
            _forgotten = true;
            return true;
        }
    }
}
