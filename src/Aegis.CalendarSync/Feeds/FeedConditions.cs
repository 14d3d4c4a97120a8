namespace Aegis.CalendarSync.Feeds;

/// <summary>The request's conditional headers: <c>If-None-Match</c> (entity tags, or "*") and
/// <c>If-Modified-Since</c> (null when absent or not a valid HTTP date).</summary>
public sealed record FeedConditions(IReadOnlyList<string> IfNoneMatch, DateTimeOffset? IfModifiedSince)
{
    public static readonly FeedConditions None = new([], null);

    /// <summary>RFC 9110 §13.2.2 for GET: If-None-Match decides when present (weak comparison: W/"x" matches "x"),
    /// If-Modified-Since only when it is absent; a resource without Last-Modified is never "not modified since".</summary>
    public bool NotModified(FeedValidators validators)
    {
        if (IfNoneMatch.Count > 0)
        {
            return IfNoneMatch.Any(tag => tag == "*" || Opaque(tag) == Opaque(validators.ETag));
        }

        return IfModifiedSince is { } since && validators.LastModified is { } modified && modified <= since;
    }

    private static string Opaque(string tag)
    {
        var trimmed = tag.Trim();
        return trimmed.StartsWith("W/", StringComparison.Ordinal) ? trimmed[2..] : trimmed;
    }
}
