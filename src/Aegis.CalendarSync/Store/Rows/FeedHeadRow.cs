using System.Globalization;
using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

/// <summary>COUNT/SUM come back as long (SQLite) or bigint/numeric (PostgreSQL).</summary>
internal sealed class FeedHeadRow
{
    public object UserId { get; init; } = null!;
    public object EventCount { get; init; } = null!;
    public object RevisionSum { get; init; } = null!;
    public object? LastChangedAt { get; init; }

    public FeedHead ToModel() => new(DbValue.ToGuid(UserId),
        new FeedStamp(Convert.ToInt64(EventCount, CultureInfo.InvariantCulture), Convert.ToInt64(RevisionSum, CultureInfo.InvariantCulture),
            DbValue.ToNullableTime(LastChangedAt)));
}
