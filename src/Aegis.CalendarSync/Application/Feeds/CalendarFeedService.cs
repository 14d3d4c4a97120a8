using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Feeds;

public sealed class CalendarFeedService(ICalendarFeedStore store, CalendarFeedWriter writer) : ICalendarFeedService
{
    /// <summary>A write landing between the head and the event list would pair old validators with a new body;
    /// the head is read again after the list and the read repeated (at most this often) until they agree.</summary>
    private const int ConsistentReadAttempts = 3;

    public async Task<FeedResult> GetAsync(string token, FeedFilter filter, FeedConditions conditions, CancellationToken ct)
    {
        var hash = FeedTokens.Hash(token);
        var head = await store.FindHeadAsync(hash, ct).ConfigureAwait(false);
        if (head is null) return FeedResult.NotFound.Instance;
        var validators = FeedValidators.For(head.Stamp, filter);
        if (conditions.NotModified(validators)) return new FeedResult.NotModified(validators);

        for (var attempt = 1; ; attempt++)
        {
            var events = await store.ListEventsAsync(head.UserId, filter, ct).ConfigureAwait(false);
            var after = await store.FindHeadAsync(hash, ct).ConfigureAwait(false);
            if (after is null) return FeedResult.NotFound.Instance; // revoked meanwhile
            if (after.Stamp == head.Stamp || attempt == ConsistentReadAttempts)
            {
                return new FeedResult.Calendar(writer.Write(events), FeedValidators.For(after.Stamp, filter));
            }

            head = after;
        }
    }
}
