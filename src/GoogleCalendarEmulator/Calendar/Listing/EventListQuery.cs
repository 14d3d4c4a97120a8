using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.Calendar.Listing;

/// <summary>Validated events.list parameters.</summary>
internal sealed record EventListQuery(
    int MaxResults,
    string? PageToken,
    string? SyncToken,
    bool? ShowDeleted,
    bool SingleEvents,
    string? OrderBy,
    DateTimeOffset? TimeMin,
    DateTimeOffset? TimeMax,
    DateTimeOffset? UpdatedMin,
    string? Text,
    string? ICalUid,
    IReadOnlyList<KeyValuePair<string, string>> PrivateProperties,
    IReadOnlyList<KeyValuePair<string, string>> SharedProperties)
{
    public const int DefaultMaxResults = 250;
    public const int MaxMaxResults = 2500;

    /// <summary>Parameters Google rejects together with syncToken.</summary>
    private static readonly string[] ForbiddenWithSyncToken =
        ["iCalUID", "orderBy", "privateExtendedProperty", "q", "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin"];

    public static EventListQuery Parse(IQueryCollection query)
    {
        var syncToken = QueryParameters.Single(query, "syncToken");
        var showDeleted = QueryParameters.Bool(query, "showDeleted");
        if (syncToken is not null)
        {
            var forbidden = ForbiddenWithSyncToken.FirstOrDefault(query.ContainsKey);
            if (forbidden is not null)
            {
                throw GoogleErrors.InvalidParameter(forbidden, $"{forbidden} is not allowed with syncToken.");
            }

            if (showDeleted == false)
            {
                throw GoogleErrors.InvalidParameter("showDeleted", "showDeleted=false is not allowed with syncToken.");
            }
        }

        var maxResults = MaxResultsOf(query);

        var singleEvents = QueryParameters.Bool(query, "singleEvents") ?? false;
        var orderBy = QueryParameters.Single(query, "orderBy");
        if (orderBy is not null and not "startTime" and not "updated")
        {
            throw GoogleErrors.InvalidParameter("orderBy");
        }

        if (orderBy == "startTime" && !singleEvents)
        {
            throw GoogleErrors.BadRequest("The requested ordering is not available for the particular query.");
        }

        var timeMin = Time(query, "timeMin");
        var timeMax = Time(query, "timeMax");
        if (timeMin is not null && timeMax is not null && timeMax <= timeMin)
        {
            throw GoogleErrors.TimeRangeEmpty();
        }

        return new EventListQuery(
            maxResults,
            QueryParameters.Single(query, "pageToken"),
            syncToken,
            showDeleted,
            singleEvents,
            orderBy,
            timeMin,
            timeMax,
            Time(query, "updatedMin"),
            QueryParameters.Single(query, "q"),
            QueryParameters.Single(query, "iCalUID"),
            Properties(query, "privateExtendedProperty"),
            Properties(query, "sharedExtendedProperty"));
    }


    /// <summary>maxResults with events.list's limits: default 250, values above 2500 clamp, below 1 → 400.</summary>
    internal static int MaxResultsOf(IQueryCollection query) => QueryParameters.MaxResults(query, DefaultMaxResults, MaxMaxResults);

    internal static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        var text = QueryParameters.Single(query, name);
        if (text is null)
        {
            return null;
        }

        return RfcTime.TryParseWithOffset(text, out var value) ? value : throw GoogleErrors.BadRequest();
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Properties(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return [];
        }

        return values.Select(v =>
        {
            var separator = v?.IndexOf('=') ?? -1;
            return separator > 0
                ? KeyValuePair.Create(v![..separator], v[(separator + 1)..])
                : throw GoogleErrors.InvalidParameter(name);
        }).ToList();
    }
}
