using Aegis.CalendarSync.Server.Security;
using Scalar.AspNetCore;

namespace Aegis.CalendarSync.Server.Api;

/// <summary>The OpenAPI description of the HTTP API (<c>/openapi/v1.json</c>, anonymous: it describes routes, never
/// data) and, in Development only, the Scalar reference page at <c>/scalar</c> that renders it.
/// A committed copy lives in <c>docs/openapi/v1.json</c>; a test fails when the two differ.</summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/openapi/v1.json";

    /// <summary>The reference page boots from an inline module script and inline styles; everything else stays this
    /// origin's, as in the application's own policy.</summary>
    public const string ReferencePagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddAegisApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Aegis Calendar Sync API";
            document.Info.Description = "Financial events synced with Google Calendar. Authenticate with a bearer token from "
                + "POST /api/auth/token (or the browser's session cookie). JSON names and enum values are snake_case; "
                + "errors are RFC 9457 problem details.";
            // The server's address depends on the deployment; clients use the address they reached the document at.
            document.Servers = [];
            return Task.CompletedTask;
        }));

    public static WebApplication MapAegisApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        if (app.Environment.IsDevelopment())
            app.MapScalarApiReference("/scalar", o => o.WithTitle("Aegis Calendar Sync API").WithOpenApiRoutePattern(Path))
                .AllowAnonymous()
                .WithMetadata(new ContentSecurityPolicyOverride(ReferencePagePolicy));
        return app;
    }
}
