using Aegis.CalendarSync.Feeds;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aegis.CalendarSync.Tests.Feeds;

/// <summary>An independent iCalendar implementation (ical.js, run by node) reads the feed text and must find exactly
/// the occurrences the wallet's own expansion has: a year of series with DST changes on three continents, all-day
/// bills ahead of and behind UTC, a skipped, a moved and a paid occurrence.</summary>
public sealed class IcalJsCompatibilityTests
{
    private static readonly CalendarFeedWriter Writer = new(NullLogger<CalendarFeedWriter>.Instance);

    [Fact]
    public async Task Ical_js_expands_the_feed_to_the_wallets_occurrences()
    {
        var events = FeedSamples.All();

        var parsed = await IcalJsFeedReader.OccurrencesAsync(Writer.Write(events), FeedSamples.From, FeedSamples.To);

        var expected = FeedOccurrenceView.Expected(events, FeedSamples.From, FeedSamples.To);
        Assert.Equal(expected.Count, parsed.Count);
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public async Task Ical_js_sees_the_Berlin_series_at_09_00_local_on_both_sides_of_each_DST_change()
    {
        var uid = FeedSamples.BerlinWeekly.Id.ToString("D");

        var parsed = (await IcalJsFeedReader.OccurrencesAsync(Writer.Write(FeedSamples.All()), FeedSamples.From, FeedSamples.To))
            .Where(v => v.Uid == uid).Select(v => v.Start).ToList();

        Assert.Contains("2026-03-23T08:00:00Z", parsed);
        Assert.DoesNotContain("2026-03-30T07:00:00Z", parsed);
        Assert.Contains("2026-04-06T07:00:00Z", parsed);
        Assert.Contains("2026-10-19T07:00:00Z", parsed);
        Assert.Contains("2026-10-27T10:00:00Z", parsed);
        Assert.Contains("2026-11-02T08:00:00Z", parsed);
    }
}
