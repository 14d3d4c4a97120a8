using System.Globalization;
using Aegis.CalendarSync.Application.Events;

namespace Aegis.CalendarSync.Server.Components.Formatting;

/// <summary>An amount in the user's culture with its currency and the currency's ISO 4217 minor units: "€1,234.50"
/// is never shown for a dollar account, so the culture's own symbol is used only for the culture's own currency;
/// any other currency shows its code, separated from the number ("EUR 1,234.50" in en-US, "1.234,50 €" in de-DE,
/// "JPY 1,235" / "1 235 JPY").</summary>
public static class MoneyText
{
    public static string Format(decimal amount, string currency, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencyDecimalDigits = CurrencyMinorUnits.Of(currency);
        if (!string.Equals(RegionCurrency(culture), currency, StringComparison.Ordinal))
        {
            format.CurrencySymbol = currency;
            // Patterns 0 ("$n") and 1 ("n$") glue the symbol to the number; a code needs the spaced twin (2, 3).
            format.CurrencyPositivePattern = format.CurrencyPositivePattern switch { 0 => 2, 1 => 3, var p => p };
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
}
