namespace Aegis.CalendarSync.Server.Api;

/// <summary>OpenAPI metadata for the outcomes a typed result cannot declare itself: problem details whose status is
/// chosen at run time (<c>ProblemHttpResult</c>), bodies read by <see cref="JsonBody"/>, redirects and the
/// authentication challenge. They change only the document, never a response.</summary>
public static class ApiConventions
{
    /// <summary>401 problem when neither a bearer token nor the session cookie authenticates the caller.</summary>
    public static RouteGroupBuilder RequiresUser(this RouteGroupBuilder group) =>
        group.ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>The JSON request body <typeparamref name="T"/> and <see cref="JsonBody"/>'s refusals (400 malformed,
    /// 413 too large, 415 not JSON).</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder endpoint) where T : notnull =>
        endpoint.Accepts<T>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Problem details with each of <paramref name="statuses"/>.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses) endpoint.ProducesProblem(status);
        return endpoint;
    }

    public static RouteHandlerBuilder Redirects(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status302Found);
}
