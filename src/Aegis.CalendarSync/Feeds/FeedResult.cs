namespace Aegis.CalendarSync.Feeds;

/// <summary>Outcome of a feed request.</summary>
public abstract record FeedResult
{
    private FeedResult() { }

    /// <summary>Unknown, malformed or revoked token: one answer for all three.</summary>
    public sealed record NotFound : FeedResult
    {
        public static readonly NotFound Instance = new();
    }

    /// <summary>The client's copy is current; the calendar was not rendered.</summary>
    public sealed record NotModified(FeedValidators Validators) : FeedResult;

    /// <summary>The rendered calendar, UTF-8.</summary>
    public sealed record Calendar(byte[] Body, FeedValidators Validators) : FeedResult;
}
