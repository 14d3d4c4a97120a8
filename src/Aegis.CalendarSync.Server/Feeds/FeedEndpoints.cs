using System.Security.Claims;
using Aegis.CalendarSync.Application.Feeds;
using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Server.Api;
using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Aegis.CalendarSync.Server.Feeds;

/// <summary>The private calendar feed (<c>GET|HEAD /feeds/{token}.ics</c>, anonymous: the token is the credential,
/// rate-limited per client address) and its management for the signed-in user (<c>/api/feed</c>).</summary>
public static class FeedEndpoints
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Clients must revalidate (cheap: 304) before reusing a copy; shared caches must not keep a private feed.</summary>
    public const string CacheControl = "private, no-cache";

    public static IEndpointRouteBuilder MapCalendarFeedEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods(FeedUrls.RoutePrefix + "/{token}.ics", [HttpMethods.Get, HttpMethods.Head], GetFeedAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(FeedRateLimitPolicy.Name)
            .WithTags("Calendar feed")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);

        var api = routes.MapGroup("/api/feed").WithTags("Calendar feed").RequiresUser();
        api.MapGet("/", GetSubscriptionAsync);
        api.MapPost("/", IssueAsync);
        api.MapDelete("/", RevokeAsync).ProducesProblems(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult, ValidationProblem>> GetFeedAsync(
        string token, HttpContext context, ICalendarFeedService feeds, CancellationToken ct)
    {
        var query = context.Request.Query;
        var filter = FeedFilter.TryParse(Values(query, FeedFilter.TypesParameter), Values(query, FeedFilter.IncludePaidParameter),
            Values(query, FeedFilter.IncludeCancelledParameter), out var errors);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The feed address has an invalid filter.");
        }

        var headers = context.Request.GetTypedHeaders();
        var conditions = new FeedConditions(headers.IfNoneMatch.Select(t => t.ToString()).ToList(), headers.IfModifiedSince);
        var response = context.Response;
        response.Headers.CacheControl = CacheControl;
        response.Headers["Referrer-Policy"] = "no-referrer";
        switch (await feeds.GetAsync(token, filter, conditions, ct))
        {
            case FeedResult.NotModified notModified:
                SetValidators(response, notModified.Validators);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            case FeedResult.Calendar calendar:
                SetValidators(response, calendar.Validators);
                return TypedResults.Bytes(calendar.Body, ContentType);
            default:
                response.Headers.Remove(HeaderNames.CacheControl);
                return NotFound();
        }
    }

    /// <summary>Identical for a token that never existed, a revoked one and a malformed one.</summary>
    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no calendar feed at this address.");

    private static void SetValidators(HttpResponse response, FeedValidators validators)
    {
        var headers = response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(validators.ETag);
        if (validators.LastModified is { } modified) headers.LastModified = modified;
    }

    private static IReadOnlyList<string?>? Values(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToArray() : null;

    private static async Task<Ok<FeedSubscriptionResponse>> GetSubscriptionAsync(ClaimsPrincipal user, IFeedSubscriptionService feeds,
        CancellationToken ct)
    {
        var live = await feeds.GetAsync(user.GetUserId(), ct);
        return TypedResults.Ok(new FeedSubscriptionResponse(live is not null, live?.CreatedAt));
    }

    private static async Task<Created<IssuedFeedResponse>> IssueAsync(ClaimsPrincipal user, IFeedSubscriptionService feeds, FeedUrls urls,
        CancellationToken ct)
    {
        var issued = await feeds.IssueAsync(user.GetUserId(), ct);
        return TypedResults.Created("/api/feed",
            new IssuedFeedResponse(urls.Https(issued.Token).AbsoluteUri, urls.Webcal(issued.Token), issued.Info.CreatedAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(ClaimsPrincipal user, IFeedSubscriptionService feeds,
        CancellationToken ct) =>
        await feeds.RevokeAsync(user.GetUserId(), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No calendar feed link is active.");
}
