using System.Globalization;
using Aegis.CalendarSync.Application.Events;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Sync;

/// <summary>What a change did to a wallet event, in words for the audit row's details: "renamed to 'Flat rent'; amount
/// now EUR 1,000.00 (<see cref="MoneyText"/>, invariant culture); moved to 2026-12-05 09:00 (Europe/Lisbon); now paid". Only the fields people recognise (title,
/// amount, date, status, type); null when none of them changed.</summary>
internal static class EventChangeDescription
{
    public static string? Describe(FinancialEvent before, FinancialEvent after)
    {
        var parts = new List<string>();
        if (before.Title != after.Title) parts.Add($"renamed to '{after.Title}'");
        if (before.Amount != after.Amount || before.Currency != after.Currency)
            parts.Add($"amount now {MoneyText.Format(after.Amount, after.Currency, CultureInfo.InvariantCulture)}");
        if (before.StartAt != after.StartAt || before.AllDay != after.AllDay) parts.Add($"moved to {When(after)}");
        if (before.Status != after.Status) parts.Add($"now {EnumText.ToText(after.Status)}");
        if (before.EventType != after.EventType) parts.Add($"now a {EnumText.ToText(after.EventType)}");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>The start as the event's owner reads it: the date for an all-day event, else the local time and zone.</summary>
    private static string When(FinancialEvent e)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(e.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(e.StartAt, zone);
        return e.AllDay
            ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({e.TimeZone})";
    }
}
