using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aegis.CalendarSync.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>The private iCalendar feed: token and read-model stores (need <c>AddAegisStore</c>), writer, services.</summary>
    public static IServiceCollection AddAegisCalendarFeed(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton<IFeedTokenStore, SqlFeedTokenStore>();
        services.TryAddSingleton<ICalendarFeedStore, SqlCalendarFeedStore>();
        services.TryAddSingleton<CalendarFeedWriter>();
        services.TryAddSingleton<ICalendarFeedService, CalendarFeedService>();
        services.TryAddSingleton<IFeedSubscriptionService, FeedSubscriptionService>();
        return services;
    }
}
