using Aegis.CalendarSync.Application.Feeds;
using Aegis.CalendarSync.Store.Sql;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>The private iCalendar feed: token and read-model stores (need <c>AddAegisStore</c>), the writer and the
    /// feed's application services (<see cref="ICalendarFeedService"/>, <see cref="IFeedSubscriptionService"/>) the hosts call.</summary>
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
