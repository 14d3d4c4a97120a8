using Microsoft.AspNetCore.RateLimiting;

namespace Aegis.CalendarSync.Server.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>Options ("CalendarFeed", validated at start), feed URLs and the feed's rate-limit policy. The engine's
    /// feed services come with <c>AddAegisSyncEngine</c>.</summary>
    public static IServiceCollection AddCalendarFeedEndpoints(this IServiceCollection services)
    {
        services.AddOptions<CalendarFeedOptions>().BindConfiguration(CalendarFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FeedUrls>();
        services.AddSingleton<FeedRateLimitPolicy>();
        services.AddRateLimiter(o => o.AddPolicy<string, FeedRateLimitPolicy>(FeedRateLimitPolicy.Name));
        return services;
    }
}
