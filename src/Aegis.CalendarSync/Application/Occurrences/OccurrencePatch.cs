namespace Aegis.CalendarSync.Application.Occurrences;

/// <summary>A change to one occurrence as a person or client submits it (API body of PATCH, the UI's buttons). A
/// null field is left as it is; <see cref="Status"/> arrives as text (pending, paid, skipped) so an unknown value gets
/// a field-level message. A new <see cref="StartAt"/> without <see cref="EndAt"/> keeps the occurrence's duration.</summary>
public sealed record OccurrencePatch(string? Status = null, decimal? Amount = null, DateTimeOffset? StartAt = null,
    DateTimeOffset? EndAt = null, string? Title = null);
