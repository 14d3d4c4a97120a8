namespace Aegis.CalendarSync.Application.Events;

/// <summary>A financial event as a person or client submits it (API body of POST/PUT, the UI form). Enums arrive as text so an unknown value gets a
/// field-level validation message rather than a generic error.</summary>
public sealed record EventInput(
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
