using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Tests.Sync.Convergence;

/// <summary>What a user sees of an event on either side, in the wallet's terms: title, amount, currency, type,
/// status, dates and recurrence lines. A Google event is read the way an import reads it (the summary's amount part
/// and the private properties), independently of what the wallet holds, so two sides agree exactly when their
/// contents are equal.</summary>
public sealed record EventContent(
    string Title,
    decimal Amount,
    string Currency,
    EventType Type,
    EventStatus Status,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool AllDay,
    string? Recurrence)
{
    public static readonly GoogleImportDefaults Defaults = new(Guid.Empty, "EUR", "UTC");

    public static EventContent Of(FinancialEvent e) =>
        new(e.Title, e.Amount, e.Currency, e.EventType, e.Status, e.StartAt, e.EndAt, e.AllDay, e.Recurrence);

    public static EventContent Of(GoogleEvent g, FinancialEventMapper mapper) => Of(mapper.ApplyGoogleChanges(null, g, Defaults));

    public override string ToString() =>
        $"\"{Title}\" {Amount:0.####} {Currency} {Type} {Status} {Start:yyyy-MM-dd HH:mm}Z..{End:yyyy-MM-dd HH:mm}Z{(AllDay ? " all-day" : "")}" +
        (Recurrence is null ? "" : $" [{Recurrence.Replace('\n', ' ')}]");
}
