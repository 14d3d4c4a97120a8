using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class OccurrenceOverrideRow
{
    public const string Columns =
        "user_id AS UserId, financial_event_id AS FinancialEventId, original_start AS OriginalStart, status AS Status, " +
        "amount AS Amount, start_at AS StartAt, end_at AS EndAt, title AS Title, created_at AS CreatedAt, " +
        "updated_at AS UpdatedAt, sync_source AS SyncSource, google_etag AS GoogleEtag, content_hash AS ContentHash, synced_version_at AS SyncedVersionAt";

    public object UserId { get; init; } = null!;
    public object FinancialEventId { get; init; } = null!;
    public object OriginalStart { get; init; } = null!;
    public string Status { get; init; } = "";
    public object? Amount { get; init; }
    public object? StartAt { get; init; }
    public object? EndAt { get; init; }
    public string? Title { get; init; }
    public object CreatedAt { get; init; } = null!;
    public object UpdatedAt { get; init; } = null!;
    public string SyncSource { get; init; } = "";
    public string? GoogleEtag { get; init; }
    public string? ContentHash { get; init; }
    public object? SyncedVersionAt { get; init; }

    public OccurrenceOverride ToModel() => new()
    {
        UserId = DbValue.ToGuid(UserId),
        FinancialEventId = DbValue.ToGuid(FinancialEventId),
        OriginalStart = DbValue.ToTime(OriginalStart),
        Status = EnumText.Parse<OccurrenceStatus>(Status),
        Amount = Amount is null or DBNull ? null : DbValue.ToDecimal(Amount),
        StartAt = DbValue.ToNullableTime(StartAt),
        EndAt = DbValue.ToNullableTime(EndAt),
        Title = Title,
        CreatedAt = DbValue.ToTime(CreatedAt),
        UpdatedAt = DbValue.ToTime(UpdatedAt),
        SyncSource = EnumText.Parse<Model.SyncSource>(SyncSource),
        GoogleEtag = GoogleEtag,
        ContentHash = ContentHash,
        SyncedVersionAt = DbValue.ToNullableTime(SyncedVersionAt),
    };
}
