using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Feeds;

/// <summary>Which events a feed URL shows: <c>types</c> (comma-separated wallet types, default all),
/// <c>include_paid</c> (default true) and <c>include_cancelled</c> (default false: a cancelled bill is not due).
/// Deleted events are never shown.</summary>
public sealed record FeedFilter
{
    public const string TypesParameter = "types";
    public const string IncludePaidParameter = "include_paid";
    public const string IncludeCancelledParameter = "include_cancelled";

    public static readonly FeedFilter All = new() { Types = Enum.GetValues<EventType>() };

    /// <summary>Distinct, in enum order.</summary>
    public required IReadOnlyList<EventType> Types { get; init; }
    public bool IncludePaid { get; init; } = true;
    public bool IncludeCancelled { get; init; }

    public IReadOnlyList<EventStatus> Statuses =>
        [EventStatus.Pending, .. IncludePaid ? [EventStatus.Paid] : Array.Empty<EventStatus>(),
         .. IncludeCancelled ? [EventStatus.Cancelled] : Array.Empty<EventStatus>()];

    /// <summary>Stable text of the filter (part of the ETag): equal filters, however spelled in the URL, give equal text.</summary>
    public string Canonical =>
        $"types={string.Join(',', Types.Select(EnumText.ToText))};paid={IncludePaid};cancelled={IncludeCancelled}";

    /// <summary>Parses the query values (null = parameter absent). On bad input returns null and one message per
    /// parameter in <paramref name="errors"/>: unknown or empty types, a flag other than true/false, a repeated parameter.</summary>
    public static FeedFilter? TryParse(IReadOnlyList<string?>? types, IReadOnlyList<string?>? includePaid,
        IReadOnlyList<string?>? includeCancelled, out IReadOnlyDictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, string[]>();
        var parsedTypes = ParseTypes(types, problems);
        var paid = ParseFlag(IncludePaidParameter, includePaid, true, problems);
        var cancelled = ParseFlag(IncludeCancelledParameter, includeCancelled, false, problems);
        errors = problems;
        return problems.Count > 0 ? null : new FeedFilter { Types = parsedTypes!, IncludePaid = paid, IncludeCancelled = cancelled };
    }

    private static IReadOnlyList<EventType>? ParseTypes(IReadOnlyList<string?>? values, Dictionary<string, string[]> problems)
    {
        if (values is null || values.Count == 0) return All.Types;
        var known = string.Join(", ", All.Types.Select(EnumText.ToText));
        if (values.Count > 1)
        {
            problems[TypesParameter] = [$"{TypesParameter} must be given once, as a comma-separated list of: {known}."];
            return null;
        }

        var chosen = new SortedSet<EventType>();
        foreach (var part in (values[0] ?? "").Split(','))
        {
            var name = part.Trim();
            var type = All.Types.Cast<EventType?>().FirstOrDefault(t => EnumText.ToText(t!.Value) == name);
            if (type is null)
            {
                problems[TypesParameter] = [$"'{Shorten(name)}' is not an event type; {TypesParameter} takes a comma-separated list of: {known}."];
                return null;
            }

            chosen.Add(type.Value);
        }

        return chosen.ToList();
    }

    private static bool ParseFlag(string name, IReadOnlyList<string?>? values, bool absent, Dictionary<string, string[]> problems)
    {
        if (values is null || values.Count == 0) return absent;
        if (values.Count == 1 && values[0] is "true" or "false") return values[0] == "true";
        problems[name] = [$"{name} must be given at most once, as true or false."];
        return absent;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
