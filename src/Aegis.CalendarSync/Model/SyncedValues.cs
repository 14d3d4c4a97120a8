namespace Aegis.CalendarSync.Model;

/// <summary>The wallet-side values of the version last synced that a Google event may not carry (an event made in
/// Google has no Aegis properties, so no amount, currency, type, status or category). A Google version that wins takes
/// what it lacks from here, never from a wallet edit that lost and was never pushed.</summary>
public sealed record SyncedValues(decimal Amount, string Currency, EventType EventType, EventStatus Status, string? Category)
{
    public static SyncedValues Of(FinancialEvent e) => new(e.Amount, e.Currency, e.EventType, e.Status, e.Category);

    /// <summary><paramref name="e"/> with these values in place of its own: the wallet event as last synced, in the
    /// fields Google may not carry.</summary>
    public FinancialEvent ApplyTo(FinancialEvent e) =>
        e with { Amount = Amount, Currency = Currency, EventType = EventType, Status = Status, Category = Category };
}
