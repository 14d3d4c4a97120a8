using System.Collections.Frozen;

namespace Aegis.CalendarSync.Application.Events;

/// <summary>Active ISO 4217 currency codes (list one of the standard, 2024 edition, without fund/metal/test codes).
/// A fixed list rather than RegionInfo so validation does not depend on the host's ICU data.</summary>
internal static class CurrencyCodes
{
    private const string Active =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD " +
        "CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD " +
        "GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT " +
        "LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR " +
        "NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP " +
        "STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD " +
        "XCG XOF XPF YER ZAR ZMW ZWG";

    public static readonly FrozenSet<string> All =
        Active.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Case-sensitive: the API requires upper case, as stored.</summary>
    public static bool IsValid(string? code) => code is not null && All.Contains(code);
}
