namespace Aegis.CalendarSync.Server.Api.Events;

/// <summary>Body of create (POST) and full update (PUT). Enums arrive as text so an unknown value gets a
/// field-level validation message rather than a generic JSON error.</summary>
public sealed record EventRequest(
    string? Title,
    string? Description,
    decimal? Amount,
    string? Currency,
    string? EventType,
    string? Status,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt,
    bool? AllDay,
    string? TimeZone,
    string? Recurrence,
    string? Category,
    string? Location);
