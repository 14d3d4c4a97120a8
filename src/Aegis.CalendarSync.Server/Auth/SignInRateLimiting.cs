using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Auth;

/// <summary>ASP.NET Core's rate limiter on the two sign-in entry points (<c>POST /api/auth/token</c>, <c>POST /login</c>)
/// and on sign-up (<c>POST /signup</c>, counted with them),
/// partitioned by client address: at most <see cref="SignInOptions.PerAddressPermitLimit"/> attempts per
/// <see cref="SignInOptions.PerAddressWindow"/>, whichever accounts they name; the rest are answered 429 with
/// Retry-After before any password is checked. Other requests are not limited. The address is the connection's peer
/// (behind a reverse proxy, configure forwarded headers so it is the client's).</summary>
public static class SignInRateLimiting
{
    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInOptions>>((limiter, signIn) =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInAttempt(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ =>
                    new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = signIn.Value.PerAddressPermitLimit,
                        Window = signIn.Value.PerAddressWindow,
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, ct) => RejectAsync(context, signIn.Value);
        });
        return services;
    }

    public static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.Equals("/api/auth/token", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals(SignUpGate.Path, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whole seconds, rounded up, at least 1 (RFC 9110 §10.2.3).</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, SignInOptions options)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.PerAddressWindow;
        SetRetryAfter(context.Response, wait);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimiting))
            .LogWarning("Sign-in attempts from {Client} rate limited", context.Connection.RemoteIpAddress);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
            detail: $"Too many sign-in attempts from this address; try again in {Math.Max(1, Math.Ceiling(wait.TotalSeconds)):0} seconds.")
            .ExecuteAsync(context);
    }
}
