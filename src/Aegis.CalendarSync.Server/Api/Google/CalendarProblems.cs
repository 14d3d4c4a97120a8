using Aegis.CalendarSync.Application.Connection;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Google;

/// <summary>Maps the calendar-choice failures of <see cref="ConnectionCommands"/> to problem details:
/// an unknown or read-only calendar, or a routing that does not route every event type once, is the caller's input (400),
/// no connected account or another switch of the user still running is the resource's state (409),
/// any other Google refusal is an upstream failure (502). Anything else is not a calendar problem (null).</summary>
public static class CalendarProblems
{
    public static ProblemHttpResult? For(Exception exception, ILogger logger)
    {
        switch (exception)
        {
            case CalendarChoiceException { Code: CalendarChoiceException.SwitchInProgress } e:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A calendar switch is already in progress",
                    detail: e.Message, extensions: new Dictionary<string, object?> { ["code"] = e.Code, ["calendar_id"] = e.CalendarId });
            case CalendarChoiceException e:
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                    title: e.Code == CalendarChoiceException.RoutingInvalid ? "Every kind of event needs exactly one calendar" : "This calendar cannot be used for sync",
                    detail: e.Message, extensions: new Dictionary<string, object?> { ["code"] = e.Code, ["calendar_id"] = e.CalendarId });
            case GoogleAccountNotConnectedException:
                return Problems.Conflict("Connect a Google account before choosing a calendar.");
            case GoogleApiException e:
                logger.LogWarning("Google refused a calendar operation: {Status} {Reason}", (int)e.StatusCode, e.Reason);
                return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Google Calendar refused the request",
                    detail: "Google Calendar did not accept the request; try again later.");
            default:
                return null;
        }
    }
}
