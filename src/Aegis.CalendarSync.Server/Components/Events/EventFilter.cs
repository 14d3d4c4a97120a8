using System.Globalization;
using Aegis.CalendarSync.Application.EventSync;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Server.Components.Events;

/// <summary>The Events page's filters as its query string carries them (<c>?q=rent&amp;type=bill&amp;status=pending&amp;
/// sync=failed&amp;month=2026-03</c>); unknown values are ignored rather than answered with an empty list.</summary>
public sealed record EventFilter(string? Search, EventType? Type, EventStatus? Status, EventSyncStatus? Sync, DateOnly? Month)
{
    public static EventFilter Parse(string? search, string? type, string? status, string? sync, string? month) => new(
        string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        WireEnum.TryParse<EventType>(type ?? "", out var t) ? t : null,
        WireEnum.TryParse<EventStatus>(status ?? "", out var s) ? s : null,
        SyncValues.FirstOrDefault(v => v.Wire == sync) is { Wire: not null } found ? found.Status : null,
        DateOnly.TryParseExact(month ?? "", "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m : null);

    /// <summary>The sync statuses as the filter's select offers them.</summary>
    public static readonly IReadOnlyList<(string Wire, EventSyncStatus Status)> SyncValues =
        Enum.GetValues<EventSyncStatus>().Select(s => (s == EventSyncStatus.NotSynced ? "not_synced" : s.ToString().ToLowerInvariant(), s)).ToList();

    public bool IsEmpty => this == new EventFilter(null, null, null, null, null);

    /// <summary>The UTC window that contains every local day of <see cref="Month"/> in any time zone (±14 h), for
    /// expanding series; <see cref="InMonth"/> then checks the local date.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? MonthWindow => Month is { } m
        ? (new DateTimeOffset(m.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-14),
           new DateTimeOffset(m.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(14))
        : null;

    /// <summary>True when the event (or, for a series, the occurrence found in the month) passes every filter.</summary>
    public bool Matches(FinancialEvent e, EventSyncState sync, Occurrence? inMonth) =>
        (Search is null || e.Title.Contains(Search, StringComparison.CurrentCultureIgnoreCase))
        && (Type is null || e.EventType == Type)
        && (Status is null || e.Status == Status)
        && (Sync is null || sync.Status == Sync)
        && (Month is null || InMonth(e, RecurrenceLines.IsRecurring(e.Recurrence) ? inMonth?.StartAt : e.StartAt));

    private bool InMonth(FinancialEvent e, DateTimeOffset? start)
    {
        if (start is not { } at || Month is not { } month) return false;
        var day = ZonedDates.LocalDate(at, ZonedDates.Find(e.TimeZone) ?? TimeZoneInfo.Utc);
        return day.Year == month.Year && day.Month == month.Month;
    }
}
