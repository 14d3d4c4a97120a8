using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Mapping;

/// <summary>Maps one occurrence of a series to its Google instance and a Google exception back to an override.
/// Outbound the instance is the series' event (same description, location, properties) with the occurrence's title,
/// amount, times and status; a paid occurrence gets <see cref="SummaryFormat.PaidMarker"/> and
/// <c>aegisStatus=paid</c>. Inbound only the occurrence changes, never the series.</summary>
public sealed class OccurrenceMapper(FinancialEventMapper mapper)
{
    /// <summary>Content hash recorded for an occurrence that is cancelled in Google (skipped in the wallet).</summary>
    public const string CancelledHash = "cancelled";

    /// <summary>The Google instance the occurrence should be; null when it must not exist (skipped).</summary>
    public GoogleEvent? ToInstance(FinancialEvent series, string masterGoogleId, Occurrence occurrence)
    {
        if (occurrence.Status == OccurrenceStatus.Skipped)
        {
            return null;
        }

        var paid = occurrence.Status == OccurrenceStatus.Paid;
        var single = AsSingleEvent(series, occurrence);
        var instance = mapper.ToGoogleEvent(single, GoogleInstanceId.For(masterGoogleId, series, occurrence.OriginalStart))
            ?? throw new InvalidOperationException("A live series maps to a Google event.");
        return instance with
        {
            Summary = paid ? SummaryFormat.PaidMarker + instance.Summary : instance.Summary,
            Recurrence = null,
            RecurringEventId = masterGoogleId,
            OriginalStartTime = GoogleInstanceId.OriginalStartTime(series, occurrence.OriginalStart),
        };
    }

    /// <summary>What the outbound sync compares with the override's recorded hash.</summary>
    public string ContentHash(FinancialEvent series, string masterGoogleId, Occurrence occurrence) =>
        ToInstance(series, masterGoogleId, occurrence) is { } instance ? EventContentHash.Compute(instance) : CancelledHash;

    /// <summary>The override that makes the wallet's occurrence what the Google exception <paramref name="remote"/>
    /// shows (moved times, title, and the amount and status of its private properties); fields equal to the series'
    /// stay null. The result has SyncSource Google.</summary>
    public OccurrenceOverride FromException(FinancialEvent series, Occurrence current, GoogleEvent remote, GoogleImportDefaults defaults)
    {
        var single = AsSingleEvent(series, current);
        var applied = mapper.ApplyGoogleChanges(single, remote with { Recurrence = null }, defaults);
        var start = applied.StartAt;
        var end = applied.EndAt;
        if (SeriesExpansion.IsDateBased(series) && !(start == single.StartAt && end == single.EndAt))
        {
            // Google moved it to another date: keep the series' time of day and duration.
            start = SeriesExpansion.OnDate(series, ZonedDates.LocalDate(applied.StartAt, ZonedDates.Find(series.TimeZone) ?? TimeZoneInfo.Utc));
            end = start + (series.EndAt - series.StartAt);
        }

        var duration = series.EndAt - series.StartAt;
        return new OccurrenceOverride
        {
            UserId = series.UserId,
            FinancialEventId = series.Id,
            OriginalStart = current.OriginalStart,
            Status = applied.Status == EventStatus.Paid ? OccurrenceStatus.Paid : OccurrenceStatus.Pending,
            Amount = applied.Amount == series.Amount ? null : applied.Amount,
            Title = applied.Title == series.Title ? null : applied.Title,
            StartAt = start == current.OriginalStart ? null : start,
            EndAt = end == start + duration ? null : end,
            UpdatedAt = remote.Updated ?? applied.UpdatedAt,
            SyncSource = SyncSource.Google,
        };
    }

    private static FinancialEvent AsSingleEvent(FinancialEvent series, Occurrence occurrence) => series with
    {
        Title = occurrence.Title,
        Amount = occurrence.Amount,
        StartAt = occurrence.StartAt,
        EndAt = occurrence.EndAt,
        Status = occurrence.Status == OccurrenceStatus.Paid ? EventStatus.Paid : EventStatus.Pending,
        Recurrence = null,
        DeletedAt = null,
    };
}
