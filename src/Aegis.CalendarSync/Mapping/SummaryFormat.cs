using System.Globalization;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Mapping;

/// <summary>Event title shown in Google: "{icon} {title} — {amount} {currency}", e.g. "🧾 Rent — 1,200.00 EUR";
/// the amount part is left out when the amount is 0 (plain reminders). Amounts use invariant grouping with 2 to 4
/// decimals (the stored precision).</summary>
public static class SummaryFormat
{
    private const string Separator = " — ";

    /// <summary>Prefix of a paid occurrence's summary, so the user sees in Google which months are paid.</summary>
    public const string PaidMarker = "✅ ";

    public static string Icon(EventType type) => type switch
    {
        EventType.Bill => "🧾",
        EventType.Income => "💰",
        EventType.Expense => "💸",
        EventType.Transfer => "🔁",
        EventType.Reminder => "🔔",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string FormatAmount(decimal amount) => amount.ToString("#,##0.00##", CultureInfo.InvariantCulture);

    public static string Format(string title, EventType type, decimal amount, string currency) =>
        $"{Icon(type)} {title}{Suffix(amount, currency)}";

    /// <summary>Recovers the title from a summary edited in Google: the paid marker and the icon prefix are dropped when present; the
    /// amount suffix is dropped only when it is intact (same amount and currency); otherwise the whole remaining
    /// summary is the title, since the user evidently rewrote it.</summary>
    public static string ExtractTitle(string summary, EventType type, decimal amount, string currency)
    {
        var title = summary.Trim();
        if (title.StartsWith(PaidMarker, StringComparison.Ordinal))
        {
            title = title[PaidMarker.Length..];
        }

        var prefix = Icon(type) + " ";
        if (title.StartsWith(prefix, StringComparison.Ordinal))
        {
            title = title[prefix.Length..];
        }

        var suffix = Suffix(amount, currency);
        if (suffix.Length > 0 && title.EndsWith(suffix, StringComparison.Ordinal) && title.Length > suffix.Length)
        {
            title = title[..^suffix.Length];
        }

        return title.Trim();
    }

    private static string Suffix(decimal amount, string currency) =>
        amount == 0 ? "" : $"{Separator}{FormatAmount(amount)} {currency}";
}
