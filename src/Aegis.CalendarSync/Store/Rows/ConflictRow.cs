using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class ConflictRow
{
    public const string Columns =
        "id AS Id, user_id AS UserId, financial_event_id AS FinancialEventId, google_event_id AS GoogleEventId, " +
        "local_version AS LocalVersion, google_version AS GoogleVersion, status AS Status, created_at AS CreatedAt, " +
        "resolved_at AS ResolvedAt";

    public long Id { get; init; }
    public object UserId { get; init; } = null!;
    public object FinancialEventId { get; init; } = null!;
    public string GoogleEventId { get; init; } = "";
    public string LocalVersion { get; init; } = "";
    public string GoogleVersion { get; init; } = "";
    public string Status { get; init; } = "";
    public object CreatedAt { get; init; } = null!;
    public object? ResolvedAt { get; init; }

    public SyncConflict ToModel() => new()
    {
        Id = Id,
        UserId = DbValue.ToGuid(UserId),
        FinancialEventId = DbValue.ToGuid(FinancialEventId),
        GoogleEventId = GoogleEventId,
        LocalVersion = LocalVersion,
        GoogleVersion = GoogleVersion,
        Status = EnumText.Parse<ConflictStatus>(Status),
        CreatedAt = DbValue.ToTime(CreatedAt),
        ResolvedAt = DbValue.ToNullableTime(ResolvedAt),
    };
}
