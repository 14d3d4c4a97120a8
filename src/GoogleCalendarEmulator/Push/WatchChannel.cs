namespace GoogleCalendarEmulator.Push;

/// <summary>A web_hook channel watching one calendar's events collection.</summary>
internal sealed class WatchChannel(
    string id, string resourceId, string resourceUri, string? token, Uri address, DateTimeOffset expiration, string accountEmail, string calendarId)
{
    private long _messageNumber;
    private volatile bool _stopped;

    public string Id { get; } = id;
    public string ResourceId { get; } = resourceId;
    public string ResourceUri { get; } = resourceUri;
    public string? Token { get; } = token;
    public Uri Address { get; } = address;
    public DateTimeOffset Expiration { get; } = expiration;
    public string AccountEmail { get; } = accountEmail;
    public string CalendarId { get; } = calendarId;

    /// <summary>Last message number sent (0 before the sync message).</summary>
    public long MessageNumber => Interlocked.Read(ref _messageNumber);

    /// <summary>Continues numbering after a restart from a snapshot.</summary>
    public void ResumeNumberingAfter(long messageNumber) => Interlocked.Exchange(ref _messageNumber, messageNumber);

    public bool IsActive(DateTimeOffset now) => !_stopped && now < Expiration;

    public void Stop() => _stopped = true;

    /// <summary>Message numbers start at 1 (the sync message) and only increase.</summary>
    public long NextMessageNumber() => Interlocked.Increment(ref _messageNumber);
}
