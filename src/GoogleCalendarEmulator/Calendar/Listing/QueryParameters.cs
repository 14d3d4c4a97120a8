using System.Globalization;
using GoogleCalendarEmulator.Errors;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.Calendar.Listing;

/// <summary>Reading list parameters the way Google does: the last value of a repeated parameter wins, booleans are
/// exactly <c>true</c>/<c>false</c>, <c>maxResults</c> below 1 is 400 and above the method's maximum is clamped.</summary>
internal static class QueryParameters
{
    public static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    public static bool? Bool(IQueryCollection query, string name) =>
        Single(query, name) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw GoogleErrors.InvalidParameter(name),
        };

    public static int MaxResults(IQueryCollection query, int defaultValue, int maximum)
    {
        if (Single(query, "maxResults") is not { } text)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? Math.Min(value, maximum)
            : throw GoogleErrors.InvalidParameter("maxResults");
    }
}
