using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Feeds;

/// <summary>Per client address fixed window (<see cref="CalendarFeedOptions.RequestsPerMinutePerClient"/>); a refused
/// request gets 429 with Retry-After (whole seconds until the window resets) and a problem details body.</summary>
public sealed class FeedRateLimitPolicy(IOptions<CalendarFeedOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "calendar-feed";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, ct) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: "Too many calendar feed requests from this address; retry after the time in Retry-After.").ExecuteAsync(http);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.RequestsPerMinutePerClient,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
}
