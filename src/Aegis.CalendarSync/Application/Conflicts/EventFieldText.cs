using Aegis.CalendarSync.Application.Events;
using System.Globalization;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>A financial event's fields in plain words for a person (English words): money as <see cref="MoneyText"/>
/// shows it in the person's culture, dates in the event's time zone, the repeat rule as a sentence.</summary>
public static class EventFieldText
{
    private const string DateFormat = "ddd d MMM yyyy";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Of(ConflictField field, FinancialEvent e, CultureInfo culture) => field switch
    {
        ConflictField.Title => e.Title,
        ConflictField.Amount => MoneyText.Format(e.Amount, e.Currency, culture),
        ConflictField.When => When(e),
        ConflictField.Status => Status(e.Status),
        ConflictField.Recurrence => Recurrence(e),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static string Label(ConflictField field) => field switch
    {
        ConflictField.Title => "Title",
        ConflictField.Amount => "Amount",
        ConflictField.When => "Date and time",
        ConflictField.Status => "Status",
        ConflictField.Recurrence => "Repeats",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static string Status(EventStatus status) => status switch
    {
        EventStatus.Pending => "Not paid yet",
        EventStatus.Paid => "Paid",
        EventStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    /// <summary>"Mon 1 Jun 2026 (all day)", "Mon 1 Jun 2026, 09:00–10:30 (Europe/Lisbon)".</summary>
    public static string When(FinancialEvent e)
    {
        var zone = ZonedDates.Find(e.TimeZone) ?? TimeZoneInfo.Utc;
        if (e.AllDay || e.EventType == EventType.Bill)
        {
            var first = ZonedDates.LocalDate(e.StartAt, zone);
            var last = e.EventType == EventType.Bill ? first : ZonedDates.ExclusiveEndDate(e.EndAt, zone).AddDays(-1);
            var day = first.ToString(DateFormat, English);
            return last > first ? $"{day} – {last.ToString(DateFormat, English)} (all day)" : $"{day} (all day)";
        }

        var start = TimeZoneInfo.ConvertTime(e.StartAt, zone);
        var end = TimeZoneInfo.ConvertTime(e.EndAt > e.StartAt ? e.EndAt : e.StartAt, zone);
        var endText = end.Date == start.Date ? end.ToString("HH:mm", English) : end.ToString(DateFormat + ", HH:mm", English);
        return $"{start.ToString(DateFormat, English)}, {start.ToString("HH:mm", English)}–{endText} ({e.TimeZone})";
    }

    /// <summary>"Does not repeat", "Every month on day 1, 12 times", "Every week on Monday, until Fri 31 Dec 2027";
    /// a rule the editor cannot express is shown as written.</summary>
    public static string Recurrence(FinancialEvent e)
    {
        var lines = RecurrenceLines.Split(e.Recurrence);
        var rrule = lines.FirstOrDefault(l => l.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase));
        if (rrule is null)
        {
            return "Does not repeat";
        }

        var zone = ZonedDates.Find(e.TimeZone) ?? TimeZoneInfo.Utc;
        var start = ZonedDates.LocalDate(e.StartAt, zone);
        var rule = SimpleRule.Parse(rrule);
        var text = rule switch
        {
            { Frequency: RepeatFrequency.Weekly } => $"Every week on {start.DayOfWeek}",
            { Frequency: RepeatFrequency.Monthly, LastDayOfMonth: true } => "Every month on its last day",
            { Frequency: RepeatFrequency.Monthly } => $"Every month on day {start.Day.ToString(CultureInfo.InvariantCulture)}",
            { Frequency: RepeatFrequency.Yearly } => $"Every year on {start.ToString("d MMMM", English)}",
            _ => "Custom rule " + rrule["RRULE:".Length..],
        };
        if (rule.Until is { } until) text += ", until " + until.ToString(DateFormat, English);
        if (rule.Count is { } count) text += count == 1 ? ", once" : $", {count.ToString(CultureInfo.InvariantCulture)} times";
        var skipped = lines.Where(l => l.StartsWith("EXDATE", StringComparison.OrdinalIgnoreCase))
            .Sum(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries).Length);
        if (skipped > 0) text += skipped == 1 ? " (1 date skipped)" : $" ({skipped.ToString(CultureInfo.InvariantCulture)} dates skipped)";
        return text;
    }
}
