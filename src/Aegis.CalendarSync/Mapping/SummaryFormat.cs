using System.Globalization;
using System.Text.RegularExpressions;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Mapping;

/// <summary>Event title shown in Google: "{icon} {title} — {amount} {currency}", e.g. "🧾 Rent — 1,200.00 EUR";
/// the amount part is left out when the amount is 0 (plain reminders). Amounts use invariant grouping with 2 to 4
/// decimals (the stored precision).</summary>
public static partial class SummaryFormat
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

    /// <summary>Reads back a summary a person edited in Google. The paid marker and the icon prefix are dropped when present. The part
    /// after the last " — " is the amount part when it reads as an amount in the format Aegis writes (digits with
    /// optional "," grouping, at most 4 decimals, optional minus) followed by the event's own currency: the amount is
    /// then taken from it. When it looks like an amount part (it starts with a digit or a minus, or ends in a currency code) but does
    /// not read so (another currency, a typo) while the event carries an amount, the title is the part before it, the
    /// amount is left unchanged and <see cref="SummaryParse.Problem"/> says why. Anything else is all title.</summary>
    public static SummaryParse Parse(string summary, EventType type, decimal amount, string currency)
    {
        var text = summary.Trim();
        if (text.StartsWith(PaidMarker, StringComparison.Ordinal))
        {
            text = text[PaidMarker.Length..].Trim();
        }

        var prefix = Icon(type) + " ";
        if (text.StartsWith(prefix, StringComparison.Ordinal))
        {
            text = text[prefix.Length..].Trim();
        }

        var at = text.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0)
        {
            return new SummaryParse(text, null, null);
        }

        var head = text[..at].Trim();
        var tail = text[(at + Separator.Length)..].Trim();
        var match = AmountPart().Match(tail);
        if (match.Success && match.Groups["currency"].Value == currency
            && decimal.TryParse(match.Groups["amount"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var parsed))
        {
            return new SummaryParse(head, parsed, null);
        }

        if (amount != 0 && (LooksLikeAmount().IsMatch(tail) || CurrencyAtEnd().IsMatch(tail)))
        {
            var reason = match.Success
                ? $"the amount in \"{summary.Trim()}\" is in {match.Groups["currency"].Value}, but the event is in {currency}; the amount was kept"
                : $"the amount in \"{summary.Trim()}\" could not be read (expected e.g. \"{FormatAmount(amount)} {currency}\"); the amount was kept";
            return new SummaryParse(head, null, reason);
        }

        return new SummaryParse(text, null, null);
    }

    [GeneratedRegex(@"^(?<amount>-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]{1,4})?|-?[0-9]+(\.[0-9]{1,4})?) (?<currency>[A-Z]{3})$", RegexOptions.CultureInvariant)]
    private static partial Regex AmountPart();

    [GeneratedRegex(@"^-?[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeAmount();

    [GeneratedRegex(@"(^|\s)[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyAtEnd();

    private static string Suffix(decimal amount, string currency) =>
        amount == 0 ? "" : $"{Separator}{FormatAmount(amount)} {currency}";
}
