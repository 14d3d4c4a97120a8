using Aegis.CalendarSync.Application.Events;

namespace Aegis.CalendarSync.Tests.Application;

public sealed class CurrencyMinorUnitsTests
{
    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("ISK", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("TND", 3)]
    public void Minor_units_follow_iso_4217(string currency, int digits) => Assert.Equal(digits, CurrencyMinorUnits.Of(currency));

    [Theory]
    [InlineData("10.12", "EUR", true)]
    [InlineData("10.120", "EUR", true)]
    [InlineData("10.123", "EUR", false)]
    [InlineData("1000", "JPY", true)]
    [InlineData("1000.000", "JPY", true)]
    [InlineData("1000.5", "JPY", false)]
    [InlineData("1.234", "KWD", true)]
    [InlineData("1.2345", "KWD", false)]
    public void An_amount_fits_when_it_has_no_more_digits_than_the_currency(string amount, string currency, bool fits) =>
        Assert.Equal(fits, CurrencyMinorUnits.Fits(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));

    [Fact]
    public void Only_active_codes_are_listed_as_exceptions_and_the_store_can_hold_them()
    {
        // numeric(19,4) holds four decimal places: no currency may need more.
        Assert.All(CurrencyCodes.All, c => Assert.InRange(CurrencyMinorUnits.Of(c), 0, 4));
        Assert.Equal(16, CurrencyCodes.All.Count(c => CurrencyMinorUnits.Of(c) == 0));
        Assert.Equal(7, CurrencyCodes.All.Count(c => CurrencyMinorUnits.Of(c) == 3));
    }

    [Fact]
    public void The_refusal_is_in_plain_words()
    {
        Assert.Equal("EUR amounts have at most 2 decimal places.", CurrencyMinorUnits.Describe("EUR"));
        Assert.Equal("JPY amounts are whole numbers (no decimal places).", CurrencyMinorUnits.Describe("JPY"));
    }
}
