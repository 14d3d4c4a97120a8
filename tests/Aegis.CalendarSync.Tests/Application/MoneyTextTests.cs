using System.Globalization;
using Aegis.CalendarSync.Application.Events;

namespace Aegis.CalendarSync.Tests.Application;

/// <summary>The one money format of every page, the audit texts and the conflict comparison (<see cref="MoneyText"/>):
/// the culture's currency pattern and separators, the ISO code for any currency but the culture's own, the currency's
/// minor units (ISO 4217) and never a digit of the amount dropped.</summary>
public sealed class MoneyTextTests
{
    [Theory]
    [InlineData("en-US", "30", "EUR", "EUR 30.00")]
    [InlineData("en-US", "1234.5", "EUR", "EUR 1,234.50")]
    [InlineData("en-US", "1234.5", "USD", "$1,234.50")]
    [InlineData("en-US", "1234.5", "JPY", "JPY 1,234.5")]
    [InlineData("en-US", "1235", "JPY", "JPY 1,235")]
    [InlineData("en-US", "12.345", "KWD", "KWD 12.345")]
    [InlineData("en-US", "12.3", "KWD", "KWD 12.300")]
    [InlineData("en-US", "0", "EUR", "EUR 0.00")]
    [InlineData("en-US", "-30", "EUR", "-EUR 30.00")]
    [InlineData("en-GB", "1234.5", "EUR", "EUR 1,234.50")]
    [InlineData("en-GB", "1234.5", "GBP", "£1,234.50")]
    [InlineData("de-DE", "1234.5", "EUR", "1.234,50 €")]
    [InlineData("de-DE", "50000", "JPY", "50.000 JPY")]
    [InlineData("de-DE", "1234.5", "USD", "1.234,50 USD")]
    [InlineData("de-CH", "1234.5", "CHF", "CHF 1’234.50")]
    [InlineData("ja-JP", "50000", "JPY", "￥50,000")]
    [InlineData("ja-JP", "30", "EUR", "EUR 30.00")]
    [InlineData("", "1234.5", "EUR", "EUR 1,234.50")]
    public void Formats_in_the_culture_with_the_currencys_digits_and_its_code_unless_it_is_the_cultures_own(
        string culture, string amount, string currency, string expected)
    {
        var text = MoneyText.Format(decimal.Parse(amount, CultureInfo.InvariantCulture), currency, CultureInfo.GetCultureInfo(culture));

        // Cultures separate with non-breaking or narrow spaces; the words are what this test compares.
        Assert.Equal(expected, text.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Fact]
    public void A_finer_amount_than_the_currency_allows_is_shown_with_every_digit_not_rounded()
    {
        Assert.Equal("EUR 10.125", MoneyText.Format(10.125m, "EUR", CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal("EUR 10.50", MoneyText.Format(10.5000m, "EUR", CultureInfo.GetCultureInfo("en-US")));
    }
}
