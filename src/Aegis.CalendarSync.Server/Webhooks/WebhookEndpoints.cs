namespace Aegis.CalendarSync.Server.Webhooks;

public static class WebhookEndpoints
{
    /// <summary>Always 200 with an empty body, even when the store fails: a forged push must not learn why it was
    /// ignored, and a push lost to an outage is recovered by the next push or the next full sync. Work is only
    /// enqueued here; the QueueProcessor makes the Google calls.</summary>
    public static RouteHandlerBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/webhooks/google-calendar", async (HttpRequest request, GoogleWebhookHandler handler,
                ILogger<GoogleWebhookHandler> logger, CancellationToken ct) =>
            {
                try
                {
                    await handler.HandleAsync(GooglePushNotification.FromHeaders(request.Headers), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Google push could not be processed");
                }
                return Results.Ok();
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Webhooks");
}
