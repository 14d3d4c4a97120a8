using Aegis.CalendarSync.Feeds;

namespace Aegis.CalendarSync.Tests.Feeds;

public sealed class FeedConditionsTests
{
    private static readonly DateTimeOffset Changed = new(2026, 5, 1, 10, 20, 30, 456, TimeSpan.Zero);
    private static readonly FeedValidators Current = FeedValidators.For(new FeedStamp(3, 7, Changed), FeedFilter.All);

    [Fact]
    public void Validators_are_a_quoted_strong_etag_and_last_modified_in_whole_seconds()
    {
        Assert.Matches("^\"[A-Za-z0-9_-]+\"$", Current.ETag);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 20, 30, TimeSpan.Zero), Current.LastModified);
        Assert.NotEqual(Current.ETag, FeedValidators.For(new FeedStamp(3, 8, Changed), FeedFilter.All).ETag);
        Assert.NotEqual(Current.ETag, FeedValidators.For(new FeedStamp(4, 7, Changed), FeedFilter.All).ETag);
        Assert.NotEqual(Current.ETag, FeedValidators.For(new FeedStamp(3, 7, Changed), FeedFilter.All with { IncludePaid = false }).ETag);
        Assert.Null(FeedValidators.For(new FeedStamp(0, 0, null), FeedFilter.All).LastModified);
    }

    [Fact]
    public void If_none_match_decides_when_present_with_weak_comparison_and_star()
    {
        Assert.True(new FeedConditions([Current.ETag], null).NotModified(Current));
        Assert.True(new FeedConditions(["\"other\"", "W/" + Current.ETag], null).NotModified(Current));
        Assert.True(new FeedConditions(["*"], null).NotModified(Current));
        // A stale tag wins over a fresh date: If-Modified-Since is ignored when If-None-Match is sent.
        Assert.False(new FeedConditions(["\"stale\""], Changed.AddYears(1)).NotModified(Current));
    }

    [Fact]
    public void If_modified_since_alone_compares_whole_seconds()
    {
        Assert.True(new FeedConditions([], Current.LastModified).NotModified(Current));
        Assert.True(new FeedConditions([], Current.LastModified!.Value.AddMinutes(1)).NotModified(Current));
        Assert.False(new FeedConditions([], Current.LastModified!.Value.AddSeconds(-1)).NotModified(Current));
        Assert.False(new FeedConditions([], Changed).NotModified(FeedValidators.For(new FeedStamp(0, 0, null), FeedFilter.All)));
        Assert.False(FeedConditions.None.NotModified(Current));
    }
}
