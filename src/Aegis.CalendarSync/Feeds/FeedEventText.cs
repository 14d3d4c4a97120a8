using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Feeds;

/// <summary>The human text of a feed event. SUMMARY is the one Google shows (<see cref="SummaryFormat"/>), marked
/// "(paid)" once paid; DESCRIPTION starts with amount, status, type and category lines, then the user's description.</summary>
internal static class FeedEventText
{
    public static string Summary(string title, EventType type, decimal amount, string currency, EventStatus status) =>
        SummaryFormat.Format(title, type, amount, currency) + status switch
        {
            EventStatus.Paid => " (paid)",
            EventStatus.Cancelled => " (cancelled)",
            _ => "",
        };

    public static string Description(FinancialEvent e, decimal amount, EventStatus status, string? note = null)
    {
        var lines = new List<string>
        {
            $"Amount: {SummaryFormat.FormatAmount(amount)} {e.Currency}",
            $"Status: {status}",
            $"Type: {e.EventType}",
        };
        if (!string.IsNullOrWhiteSpace(e.Category)) lines.Add($"Category: {e.Category.Trim()}");
        if (note is not null) lines.Add(note);
        if (!string.IsNullOrWhiteSpace(e.Description)) lines.AddRange(["", e.Description.TrimEnd()]);
        return string.Join('\n', lines);
    }

    /// <summary>The type ("Bill", "Income", …) first, then the user's category when set.</summary>
    public static IReadOnlyList<string> Categories(FinancialEvent e) =>
        string.IsNullOrWhiteSpace(e.Category) || e.Category.Trim() == e.EventType.ToString()
            ? [e.EventType.ToString()]
            : [e.EventType.ToString(), e.Category.Trim()];
}
