using System.Collections.Frozen;

namespace Aegis.CalendarSync.Application.Events;

/// <summary>ISO 4217 minor units (the "exponent": digits after the decimal point) of the active codes in
/// <see cref="CurrencyCodes"/>. Only the codes that differ from 2 are listed (ISO 4217 list one, 2024 edition); .NET
/// has no per-currency table (NumberFormatInfo.CurrencyDecimalDigits belongs to a culture, not a currency).</summary>
public static class CurrencyMinorUnits
{
    private static readonly FrozenDictionary<string, int> Exceptions = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // No minor unit.
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        // Thousandths.
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Digits after the decimal point an amount in <paramref name="currency"/> may have (2 for an unknown code,
    /// which validation refuses anyway).</summary>
    public static int Of(string? currency) => currency is not null && Exceptions.TryGetValue(currency, out var digits) ? digits : 2;

    /// <summary>True when <paramref name="amount"/> has no more decimal digits than the currency allows (trailing
    /// zeros do not count: 10.50 EUR and 1000.000 JPY are valid).</summary>
    public static bool Fits(decimal amount, string? currency) => decimal.Round(amount, Of(currency)) == amount;

    /// <summary>"EUR amounts have at most 2 decimal places." / "JPY amounts are whole numbers."</summary>
    public static string Describe(string currency) => Of(currency) switch
    {
        0 => $"{currency} amounts are whole numbers (no decimal places).",
        1 => $"{currency} amounts have at most 1 decimal place.",
        var n => $"{currency} amounts have at most {n} decimal places.",
    };
}
