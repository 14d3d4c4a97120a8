using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Server.Api;
using Aegis.CalendarSync.Server.Api.Audit;
using Aegis.CalendarSync.Server.Api.Auth;
using Aegis.CalendarSync.Server.Api.Conflicts;
using Aegis.CalendarSync.Server.Api.Events;
using Aegis.CalendarSync.Server.Api.Google;
using Aegis.CalendarSync.Server.Api.Sync;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Server.Components;
using Aegis.CalendarSync.Server.Configuration;
using Aegis.CalendarSync.Server.Feeds;
using Aegis.CalendarSync.Server.Hosting;
using Aegis.CalendarSync.Server.Jobs;
using Aegis.CalendarSync.Server.Observability;
using Aegis.CalendarSync.Server.Persistence;
using Aegis.CalendarSync.Server.Realtime;
using Aegis.CalendarSync.Server.Security;
using Aegis.CalendarSync.Server.Webhooks;
using Aegis.CalendarSync.Store;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace Aegis.CalendarSync.Server;

public static class ServerRegistration
{
    /// <summary>Registers the whole product on a host builder: configuration (env aliases, Development secrets),
    /// options validated on start, store, Google client, sync engine, authentication, API, webhook, jobs,
    /// metrics and the Blazor UI.</summary>
    public static IHostApplicationBuilder AddAegisServer(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Serves the build output's static web assets (blazor.web.js from the framework package, wwwroot) in every
        // environment, as Development does; publish output has no such manifest and serves its own wwwroot.
        if (builder is WebApplicationBuilder web) web.WebHost.UseStaticWebAssets();
        var dataDirectory = HostConfiguration.Apply(builder);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        AddOptions(services);
        // Store (+ its migration hosted service), queue processor, Google client, token encryption, sync engine.
        services.AddAegisSyncEngine(configuration);
        AddWeb(services, dataDirectory);
        AddObservability(services);
        services.AddAegisTracing(configuration);

        // Hosted services start in registration order: the store's migration (added above) runs before these.
        services.AddHostedService<StartupInitializer>();
        services.AddSingleton<ChannelRenewalJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelRenewalJob>());
        services.AddAegisRealtime();
        return builder;
    }

    private static void AddWeb(IServiceCollection services, string dataDirectory)
    {
        services.AddProblemDetails();
        services.AddAegisApiDocument();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Unbindable parameters throw in every environment (not only Development), so BadRequestExceptionHandler answers
        // them alike everywhere, naming the parameter.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddAegisAuthentication();
        services.AddSingleton<ICredentialStore, SqlCredentialStore>();
        services.AddSingleton<IApiTokenStore, SqlApiTokenStore>();
        services.AddAegisMigrations(ServerMigrations.Set);
        services.AddSingleton<ISignInFailureStore, SqlSignInFailureStore>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<SignUpService>();
        services.AddSignInRateLimiting();
        services.AddAntiforgery();
        // Cookie and antiforgery keys survive restarts (signed-in browsers stay signed in); owner-only folder.
        services.AddDataProtection().SetApplicationName("Aegis.CalendarSync")
            .PersistKeysToFileSystem(DataDirectory.CreateOwnerOnly(Path.Combine(dataDirectory, "keys")));
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddCalendarFeedEndpoints();
        services.AddSingleton<OAuthSessionCookie>();
    }

    private static void AddObservability(IServiceCollection services)
    {
        services.AddSingleton<QueueDepthMonitor>();
        services.AddSingleton<SyncMetrics>();
        services.AddSingleton<RejectedPushLog>();
        // Created at start, not on first use: the gauge must exist before the first scrape.
        services.ActivateSingleton<SyncMetrics>();
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(SyncInstruments.MeterName).AddPrometheusExporter());
        services.AddAegisHealthChecks();
    }

    /// <summary>The request pipeline and every endpoint.</summary>
    public static WebApplication UseAegisServer(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>(); // first: error pages carry the headers too
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseMiddleware<SignUpGate>();
        app.UseMiddleware<MetricsTokenGuard>();
        // Once only: the sign-in (global) and feed (endpoint) limits both partition by client address; a second
        // UseRateLimiter would count every request twice.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapAegisHealthChecks();
        // Anonymous to the app's sign-in; MetricsTokenGuard asks for the scraper's own token when Metrics:RequireToken.
        app.MapPrometheusScrapingEndpoint(MetricsTokenGuard.Path).AllowAnonymous();
        app.MapAegisApiDocument();

        app.MapAuthEndpoints();
        app.MapEventEndpoints();
        app.MapSyncSettingsEndpoints();
        app.MapSyncCalendarsEndpoints();
        app.MapSyncEndpoints();
        app.MapHeldDeletionEndpoints();
        app.MapSyncPreviewEndpoints();
        app.MapSyncStreamEndpoints();
        app.MapConflictEndpoints();
        app.MapAuditEndpoints();
        app.MapGoogleAuthEndpoints();
        app.MapGoogleCalendarEndpoints();
        app.MapWebhookEndpoints();
        app.MapCalendarFeedEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }

    private static void AddOptions(IServiceCollection services)
    {
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChannelRenewalScheduleOptions>().BindConfiguration(ChannelRenewalScheduleOptions.Section).ValidateDataAnnotations()
            .Validate(o => Cronos.CronExpression.TryParse(o.Cron, out _), "ChannelRenewal:Cron is not a valid 5-field cron expression.")
            .ValidateOnStart();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateOnStart();
    }
}
