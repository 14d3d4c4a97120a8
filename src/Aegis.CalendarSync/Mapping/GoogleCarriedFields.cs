using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Mapping;

/// <summary>Which financial fields a live Google event carries itself, as opposed to the ones
/// <see cref="FinancialEventMapper.ApplyGoogleChanges"/> fills from the wallet's event because Google holds no value (its
/// private properties were removed, another app wrote the event, a person cleared the title). A field is carried when
/// Google's copy states it: the title when the summary has text; the amount when the summary's amount part reads as an
/// amount in the event's currency, or both the amount and currency properties are there; the status when its property
/// names a status. Start and end are always carried by a live event, the repeat rule always (no rule: it does not repeat).</summary>
public sealed record GoogleCarriedFields(bool Title, bool Amount, bool Status)
{
    /// <param name="existing">The wallet's event the summary is read against (its type and currency when Google's
    /// properties do not say), or null.</param>
    public static GoogleCarriedFields Of(GoogleEvent g, FinancialEvent? existing)
    {
        var type = FinancialEventMapper.ParseEnum<EventType>(g.GetPrivateProperty(AegisProperties.Type)) ?? existing?.EventType ?? EventType.Bill;
        var amount = FinancialEventMapper.ParseAmount(g.GetPrivateProperty(AegisProperties.Amount));
        var currency = g.GetPrivateProperty(AegisProperties.Currency);
        var summaryAmount = FinancialEventMapper.ParseSummary(g.Summary, type, amount ?? existing?.Amount ?? 0m,
            currency ?? existing?.Currency ?? "").Amount;
        return new GoogleCarriedFields(
            Title: !string.IsNullOrWhiteSpace(g.Summary),
            Amount: summaryAmount is not null || (amount is not null && currency is not null),
            Status: FinancialEventMapper.ParseEnum<EventStatus>(g.GetPrivateProperty(AegisProperties.Status)) is not null);
    }

}
