using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class FeedTokenRow
{
    public const string Columns = "id AS Id, created_at AS CreatedAt";

    public object Id { get; init; } = null!;
    public object CreatedAt { get; init; } = null!;

    public FeedTokenInfo ToModel() => new(DbValue.ToGuid(Id), DbValue.ToTime(CreatedAt));
}
