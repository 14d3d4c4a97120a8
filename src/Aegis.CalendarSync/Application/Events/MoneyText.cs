using System.Globalization;

namespace Aegis.CalendarSync.Application.Events;

/// <summary>The one way an amount is shown to a person (every page, the calendar feed, audit and API texts): the
/// culture's currency format (where the currency stands, separators, negative form) and the currency's ISO 4217 minor
/// units (<see cref="CurrencyMinorUnits"/>), never fewer digits than the amount holds (a finance record is never shown
/// rounded). The culture's own symbol stands only for the culture's own currency ("€" is never shown for a dollar
/// account); any other currency shows its ISO code, separated from the number. en-US: "$1,234.50", "EUR 1,234.50",
/// "JPY 1,235", "KWD 12.345", "-EUR 30.00"; de-DE: "1.234,50 €", "50.000 JPY". A text with no person's culture (the
/// feed, audit rows) uses the invariant culture: "EUR 1,234.50".</summary>
public static class MoneyText
{
    public static string Format(decimal amount, string currency, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencyDecimalDigits = Math.Max(CurrencyMinorUnits.Of(currency), Scale(amount));
        if (!string.Equals(RegionCurrency(culture), currency, StringComparison.Ordinal))
        {
            format.CurrencySymbol = currency;
            // The patterns that glue the symbol to the number ("$n", "n$", "-$n", ...) become their spaced twins.
            format.CurrencyPositivePattern = format.CurrencyPositivePattern switch { 0 => 2, 1 => 3, var p => p };
            format.CurrencyNegativePattern = format.CurrencyNegativePattern switch
            {
                0 => 14, 1 => 9, 2 => 12, 3 => 11, 4 => 15, 5 => 8, 6 => 13, 7 => 10, var p => p,
            };
        }

        return amount.ToString("C", format);
    }

    private static string? RegionCurrency(CultureInfo culture)
    {
        try
        {
            return culture.IsNeutralCulture || culture.Equals(CultureInfo.InvariantCulture) ? null : new RegionInfo(culture.Name).ISOCurrencySymbol;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Decimal digits the amount holds, trailing zeros not counted (30.50m: 1; 12.345m: 3).</summary>
    private static int Scale(decimal amount) => (decimal.GetBits(decimal.Abs(amount) / 1.0000000000000000000000000000m)[3] >> 16) & 0xFF;
}
