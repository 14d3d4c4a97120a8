using System.Security.Cryptography;
using System.Text;

namespace Aegis.CalendarSync.Feeds;

/// <summary>HTTP validators of one feed representation. <see cref="ETag"/> is strong: the calendar text is a
/// deterministic function of the user's rows (DTSTAMP is each event's updated_at, never "now"), so equal stamps and
/// filters give byte-identical bodies. <see cref="LastModified"/> is the newest change, truncated to whole seconds
/// (HTTP dates have no fraction); null when the user has no events.</summary>
public sealed record FeedValidators(string ETag, DateTimeOffset? LastModified)
{
    /// <summary>Bump when the writer's output changes for the same rows, so caches drop bodies of the old format.</summary>
    public const int FormatVersion = 1;

    public static FeedValidators For(FeedStamp stamp, FeedFilter filter)
    {
        var text = $"v{FormatVersion}|{stamp.EventCount}|{stamp.RevisionSum}|{stamp.LastChangedAt?.UtcTicks}|{filter.Canonical}";
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        var etag = $"\"{Convert.ToBase64String(digest[..18]).Replace('+', '-').Replace('/', '_')}\"";
        return new FeedValidators(etag, stamp.LastChangedAt is { } at ? TruncateToSeconds(at) : null);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
