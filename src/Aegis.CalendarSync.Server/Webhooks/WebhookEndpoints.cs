using Aegis.CalendarSync.Connection.Push;
using Aegis.CalendarSync.Server.Observability;

namespace Aegis.CalendarSync.Server.Webhooks;

public static class WebhookEndpoints
{
    /// <summary>Always 200 with an empty body, even when the store fails: a forged push must not learn why it was
    /// ignored, and a push lost to an outage is recovered by the next push or the next full sync. The rules are the
    /// engine's <see cref="PushNotificationHandler"/>; this endpoint maps headers, counts rejections and logs them
    /// rate-limited (<see cref="RejectedPushLog"/>).</summary>
    public static RouteHandlerBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/webhooks/google-calendar", async (HttpRequest request, PushNotificationHandler handler,
                SyncMetrics metrics, RejectedPushLog rejections, ILogger<PushNotificationHandler> logger, CancellationToken ct) =>
            {
                var push = GooglePushNotification.FromHeaders(request.Headers);
                try
                {
                    var outcome = await handler.HandleAsync(push, ct);
                    if (outcome.IsRejection())
                    {
                        metrics.RecordWebhookRejected(outcome.ToString());
                        rejections.Record(push, outcome);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Google push could not be processed");
                }
                return TypedResults.Ok();
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Webhooks");
}
