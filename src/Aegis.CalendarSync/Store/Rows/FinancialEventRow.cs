using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class FinancialEventRow
{
    public const string Columns =
        "id AS Id, user_id AS UserId, title AS Title, description AS Description, amount AS Amount, currency AS Currency, " +
        "event_type AS EventType, status AS Status, start_at AS StartAt, end_at AS EndAt, all_day AS AllDay, " +
        "time_zone AS TimeZone, recurrence AS Recurrence, category AS Category, location AS Location, " +
        "created_at AS CreatedAt, updated_at AS UpdatedAt, deleted_at AS DeletedAt, sync_source AS SyncSource";

    public object Id { get; init; } = null!;
    public object UserId { get; init; } = null!;
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public object Amount { get; init; } = null!;
    public string Currency { get; init; } = "";
    public string EventType { get; init; } = "";
    public string Status { get; init; } = "";
    public object StartAt { get; init; } = null!;
    public object EndAt { get; init; } = null!;
    public bool AllDay { get; init; }
    public string TimeZone { get; init; } = "";
    public string? Recurrence { get; init; }
    public string? Category { get; init; }
    public string? Location { get; init; }
    public object CreatedAt { get; init; } = null!;
    public object UpdatedAt { get; init; } = null!;
    public object? DeletedAt { get; init; }
    public string SyncSource { get; init; } = "";

    public FinancialEvent ToModel() => new()
    {
        Id = DbValue.ToGuid(Id),
        UserId = DbValue.ToGuid(UserId),
        Title = Title,
        Description = Description,
        Amount = DbValue.ToDecimal(Amount),
        Currency = Currency,
        EventType = EnumText.Parse<Model.EventType>(EventType),
        Status = EnumText.Parse<EventStatus>(Status),
        StartAt = DbValue.ToTime(StartAt),
        EndAt = DbValue.ToTime(EndAt),
        AllDay = AllDay,
        TimeZone = TimeZone,
        Recurrence = Recurrence,
        Category = Category,
        Location = Location,
        CreatedAt = DbValue.ToTime(CreatedAt),
        UpdatedAt = DbValue.ToTime(UpdatedAt),
        DeletedAt = DbValue.ToNullableTime(DeletedAt),
        SyncSource = EnumText.Parse<Model.SyncSource>(SyncSource),
    };
}
