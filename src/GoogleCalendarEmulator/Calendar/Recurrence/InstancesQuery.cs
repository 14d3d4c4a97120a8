using System.Globalization;
using GoogleCalendarEmulator.Calendar.Listing;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.Calendar.Recurrence;

/// <summary>Validated events.instances parameters. Unlike events.list, timeMin is inclusive on an instance's end;
/// timeMax stays exclusive on its start. <see cref="OriginalStart"/> selects the one instance with that original start
/// (RFC 3339 with offset, or yyyy-MM-dd for an all-day series).</summary>
internal sealed record InstancesQuery(
    int MaxResults,
    string? PageToken,
    bool ShowDeleted,
    DateTimeOffset? OriginalStart,
    DateTimeOffset? TimeMin,
    DateTimeOffset? TimeMax,
    TimeZoneInfo? TimeZone)
{
    public static InstancesQuery Parse(IQueryCollection query)
    {
        var timeMin = EventListQuery.Time(query, "timeMin");
        var timeMax = EventListQuery.Time(query, "timeMax");
        if (timeMin is not null && timeMax is not null && timeMax <= timeMin)
        {
            throw GoogleErrors.TimeRangeEmpty();
        }

        TimeZoneInfo? zone = null;
        if (QueryParameters.Single(query, "timeZone") is { } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
        {
            throw GoogleErrors.InvalidParameter("timeZone");
        }

        return new InstancesQuery(
            EventListQuery.MaxResultsOf(query),
            QueryParameters.Single(query, "pageToken"),
            QueryParameters.Bool(query, "showDeleted") ?? false,
            OriginalStartOf(QueryParameters.Single(query, "originalStart")),
            timeMin,
            timeMax,
            zone);
    }

    private static DateTimeOffset? OriginalStartOf(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (RfcTime.TryParseWithOffset(text, out var instant))
        {
            return instant;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : throw GoogleErrors.InvalidParameter("originalStart");
    }
}
