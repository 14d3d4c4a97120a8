namespace Aegis.CalendarSync.Server.Api;

/// <summary>Problem details (RFC 9457) responses shared by the endpoint groups.</summary>
public static class Problems
{
    public static IResult Create(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>Also used for rows of other users: existence of another user's id is never revealed.</summary>
    public static IResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, "Not found", $"{what} was not found.");

    public static IResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict", detail);

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is invalid.");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });
}
