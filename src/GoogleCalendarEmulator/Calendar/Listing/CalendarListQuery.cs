using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.Calendar.Listing;

/// <summary>Validated calendarList.list parameters (Google: maxResults default 100, at most 250; with syncToken,
/// minAccessRole is not allowed and neither is showDeleted=false or showHidden=false).</summary>
internal sealed record CalendarListQuery(int MaxResults, string? PageToken, string? SyncToken, bool ShowDeleted, bool ShowHidden, string? MinAccessRole)
{
    public const int DefaultMaxResults = 100;
    public const int MaxMaxResults = 250;

    /// <summary>Google's access roles from least to most; writerWithoutPrivateAccess sits between reader and writer.</summary>
    private static readonly string[] RoleOrder =
        [CalendarAccessRoles.FreeBusyReader, CalendarAccessRoles.Reader, "writerWithoutPrivateAccess", CalendarAccessRoles.Writer, CalendarAccessRoles.Owner];

    public static CalendarListQuery Parse(IQueryCollection query)
    {
        var syncToken = QueryParameters.Single(query, "syncToken");
        var showDeleted = QueryParameters.Bool(query, "showDeleted");
        var showHidden = QueryParameters.Bool(query, "showHidden");
        var minAccessRole = QueryParameters.Single(query, "minAccessRole");
        if (minAccessRole is not null && !RoleOrder.Contains(minAccessRole))
        {
            throw GoogleErrors.InvalidParameter("minAccessRole");
        }

        if (syncToken is not null)
        {
            if (minAccessRole is not null)
            {
                throw GoogleErrors.InvalidParameter("minAccessRole", "minAccessRole is not allowed with syncToken.");
            }

            if (showDeleted == false)
            {
                throw GoogleErrors.InvalidParameter("showDeleted", "showDeleted=false is not allowed with syncToken.");
            }

            if (showHidden == false)
            {
                throw GoogleErrors.InvalidParameter("showHidden", "showHidden=false is not allowed with syncToken.");
            }
        }

        var maxResults = QueryParameters.MaxResults(query, DefaultMaxResults, MaxMaxResults);

        return new CalendarListQuery(maxResults, QueryParameters.Single(query, "pageToken"), syncToken, showDeleted ?? false, showHidden ?? false, minAccessRole);
    }

    public bool Admits(CalendarData calendar) =>
        (ShowDeleted || !calendar.List.Deleted)
        && (ShowHidden || !calendar.List.Hidden)
        && (MinAccessRole is null || Array.IndexOf(RoleOrder, calendar.AccessRole) >= Array.IndexOf(RoleOrder, MinAccessRole));
}
