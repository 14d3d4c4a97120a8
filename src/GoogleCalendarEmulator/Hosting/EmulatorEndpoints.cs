using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Batch;
using GoogleCalendarEmulator.Calendar;
using GoogleCalendarEmulator.Calendar.Listing;
using GoogleCalendarEmulator.Calendar.Recurrence;
using GoogleCalendarEmulator.OAuth;
using GoogleCalendarEmulator.Pipeline;
using GoogleCalendarEmulator.Push;
using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoogleCalendarEmulator.Hosting;

/// <summary>Lets any ASP.NET Core host serve the emulator at Google's root paths (/calendar/v3, /batch/calendar/v3, /o/oauth2/v2/auth, /token, /revoke, /emulator).</summary>
public static class EmulatorEndpoints
{
    public static IServiceCollection AddGoogleCalendarEmulator(this IServiceCollection services, EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Clients.Count == 0)
        {
            throw new ArgumentException("At least one OAuth client must be registered.", nameof(options));
        }

        if (options.RequestsPerUserPerMinute < 1 || options.RequestsPerProjectPerMinute < 1)
        {
            throw new ArgumentException("RequestsPerUserPerMinute and RequestsPerProjectPerMinute must be at least 1.", nameof(options));
        }

        if (options.RateLimitStatusCode is not (403 or 429))
        {
            throw new ArgumentException("RateLimitStatusCode must be 403 or 429.", nameof(options));
        }

        if (options.MaxBatchCalls < 1)
        {
            throw new ArgumentException("MaxBatchCalls must be at least 1.", nameof(options));
        }

        services.AddSingleton(options);
        services.AddSingleton<NotificationQueue>();
        services.AddSingleton(sp => new EmulatorState(options, sp.GetRequiredService<NotificationQueue>()));
        services.AddSingleton<EventService>();
        services.AddSingleton<EventLister>();
        services.AddSingleton<EventMover>();
        services.AddSingleton<CalendarLister>();
        services.AddSingleton<InstanceLister>();
        services.AddSingleton<ApiPipelineFilter>();
        services.AddHostedService<NotificationDispatcher>();
        services.AddHttpClient(NotificationDispatcher.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }

    public static IEndpointRouteBuilder MapGoogleCalendarEmulator(this IEndpointRouteBuilder app)
    {
        CalendarApiEndpoints.Map(app);
        BatchEndpoints.Map(app);
        OAuthEndpoints.Map(app);
        AdminEndpoints.Map(app);
        return app;
    }
}
