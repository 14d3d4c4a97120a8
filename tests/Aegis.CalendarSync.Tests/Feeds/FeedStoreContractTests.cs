using Aegis.CalendarSync.Application.Feeds;
using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Feeds;

/// <summary>Feed tokens, the revision counter and the feed read model, on every store engine (subclassed per engine).</summary>
public abstract class FeedStoreContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private IFeedTokenStore Tokens => Services.GetRequiredService<IFeedTokenStore>();
    private ICalendarFeedStore Feed => Services.GetRequiredService<ICalendarFeedStore>();
    private IFeedSubscriptionService Subscriptions => Services.GetRequiredService<IFeedSubscriptionService>();

    protected override void ConfigureServices(IServiceCollection services) => services.AddAegisCalendarFeed();

    // ---- tokens ----

    [Fact]
    public async Task Issued_token_resolves_to_its_user_and_only_its_hash_is_stored()
    {
        var userId = await NewUserAsync();

        var issued = await Subscriptions.IssueAsync(userId, Ct);

        Assert.Equal(43, issued.Token.Length);
        Assert.Equal(userId, (await Feed.FindHeadAsync(FeedTokens.Hash(issued.Token), Ct))!.UserId);
        Assert.Equal(issued.Info, await Tokens.GetLiveAsync(userId, Ct));
        Assert.Equal(0, await CountSqlAsync("SELECT COUNT(*) FROM calendar_feed_tokens WHERE token_hash = @t", new { t = issued.Token }));
        Assert.Equal(1, await CountSqlAsync("SELECT COUNT(*) FROM calendar_feed_tokens WHERE token_hash = @t", new { t = FeedTokens.Hash(issued.Token) }));
    }

    [Fact]
    public async Task Regenerating_revokes_the_previous_token_at_once_and_revoking_leaves_none()
    {
        var userId = await NewUserAsync();
        var first = await Subscriptions.IssueAsync(userId, Ct);

        var second = await Subscriptions.IssueAsync(userId, Ct);

        Assert.NotEqual(first.Token, second.Token);
        Assert.Null(await Feed.FindHeadAsync(FeedTokens.Hash(first.Token), Ct));
        Assert.Equal(userId, (await Feed.FindHeadAsync(FeedTokens.Hash(second.Token), Ct))!.UserId);
        Assert.Equal(second.Info, await Tokens.GetLiveAsync(userId, Ct));

        Assert.True(await Subscriptions.RevokeAsync(userId, Ct));
        Assert.Null(await Feed.FindHeadAsync(FeedTokens.Hash(second.Token), Ct));
        Assert.Null(await Tokens.GetLiveAsync(userId, Ct));
        Assert.False(await Subscriptions.RevokeAsync(userId, Ct));

        var audit = await Audit.QueryAsync(userId, new AuditQuery(), Ct);
        Assert.Equal([AuditAction.FeedTokenRevoked, AuditAction.FeedTokenRegenerated, AuditAction.FeedTokenIssued],
            audit.Select(a => a.Action));
    }

    [Fact]
    public async Task Unknown_and_malformed_tokens_resolve_to_nothing()
    {
        var userId = await NewUserAsync();
        await Subscriptions.IssueAsync(userId, Ct);

        Assert.Null(await Feed.FindHeadAsync(FeedTokens.Hash(FeedTokens.Create()), Ct));
        Assert.Null(await Feed.FindHeadAsync(FeedTokens.Hash(""), Ct));
        Assert.Null(await Feed.FindHeadAsync(FeedTokens.Hash("'; DROP TABLE users; --"), Ct));
    }

    [Fact]
    public async Task Concurrent_regenerations_leave_exactly_one_live_token_and_it_is_the_one_returned_last_committed()
    {
        var userId = await NewUserAsync();

        var issued = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Subscriptions.IssueAsync(userId, Ct))));

        var live = await Tokens.GetLiveAsync(userId, Ct);
        var resolving = new List<IssuedFeedToken>();
        foreach (var token in issued)
        {
            if (await Feed.FindHeadAsync(FeedTokens.Hash(token.Token), Ct) is not null) resolving.Add(token);
        }

        Assert.Equal(live, Assert.Single(resolving).Info);
        Assert.Equal(1, await CountSqlAsync("SELECT COUNT(*) FROM calendar_feed_tokens WHERE revoked_at IS NULL"));
    }

    // ---- revisions and the stamp ----

    [Fact]
    public async Task Revision_starts_at_zero_and_rises_with_every_update_and_soft_delete()
    {
        var userId = await NewUserAsync();
        var e = await InsertEventAsync(userId);
        Assert.Equal(0, await RevisionAsync(e.Id));

        await Events.UpdateAsync(e with { Title = "Rent (new flat)" }, Ct);
        await Events.UpdateAsync(e with { Title = "Rent (new flat)" }, Ct);
        Assert.Equal(2, await RevisionAsync(e.Id));

        await Events.SoftDeleteAsync(userId, e.Id, SyncSource.Aegis, Time.GetUtcNow(), Ct);
        Assert.Equal(3, await RevisionAsync(e.Id));
    }

    [Fact]
    public async Task Stamp_changes_with_every_write_even_when_the_clock_stands_still_and_not_with_another_users_writes()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        var token = await Subscriptions.IssueAsync(userId, Ct);
        var e = await InsertEventAsync(userId);
        var stamps = new List<FeedStamp> { await StampAsync(token) };

        await InsertEventAsync(userId, "Water"); // clock not advanced: same updated_at
        stamps.Add(await StampAsync(token));
        await Events.UpdateAsync(e with { Amount = 99m }, Ct);
        stamps.Add(await StampAsync(token));
        await Events.SoftDeleteAsync(userId, e.Id, SyncSource.Google, Time.GetUtcNow(), Ct);
        stamps.Add(await StampAsync(token));

        Assert.Equal(stamps.Count, stamps.Distinct().Count());
        Assert.Equal(new FeedStamp(2, 2, Start), stamps[^1]);

        await InsertEventAsync(other, "Someone else's bill");
        Time.Advance(TimeSpan.FromMinutes(5));
        await InsertEventAsync(other, "Another one");
        Assert.Equal(stamps[^1], await StampAsync(token));
    }

    [Fact]
    public async Task Stamp_of_a_user_without_events_is_empty_and_last_changed_is_the_newest_updated_at()
    {
        var userId = await NewUserAsync();
        var token = await Subscriptions.IssueAsync(userId, Ct);
        Assert.Equal(new FeedStamp(0, 0, null), await StampAsync(token));

        await InsertEventAsync(userId);
        Time.Advance(TimeSpan.FromSeconds(90.5));
        await InsertEventAsync(userId, "Later");

        Assert.Equal(Start.AddSeconds(90.5), (await StampAsync(token)).LastChangedAt);
    }

    // ---- read model ----

    [Fact]
    public async Task Listing_applies_the_filter_never_shows_deleted_events_orders_by_start_and_carries_revisions()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        var bill = await InsertEventAsync(userId, "Bill");
        var paidBill = NewEvent(userId, "Paid bill") with { Status = EventStatus.Paid, StartAt = Start.AddDays(1), EndAt = Start.AddDays(1).AddHours(1) };
        await Events.InsertAsync(paidBill, Ct);
        var income = NewEvent(userId, "Salary") with { EventType = EventType.Income, StartAt = Start.AddDays(2), EndAt = Start.AddDays(2).AddHours(1) };
        await Events.InsertAsync(income, Ct);
        var cancelled = NewEvent(userId, "Cancelled") with { Status = EventStatus.Cancelled };
        await Events.InsertAsync(cancelled, Ct);
        var deleted = await InsertEventAsync(userId, "Deleted");
        await Events.SoftDeleteAsync(userId, deleted.Id, SyncSource.Aegis, Start, Ct);
        await InsertEventAsync(other, "Not mine");
        await Events.UpdateAsync(bill with { Amount = 10m }, Ct);

        var all = await Feed.ListEventsAsync(userId, FeedFilter.All, Ct);
        Assert.Equal(["Paid bill", "Salary", "Bill"], all.Select(f => f.Event.Title));
        Assert.Equal([0L, 0L, 1L], all.Select(f => f.Revision));
        Assert.Equal(10m, all[^1].Event.Amount);

        var unpaidBills = await Feed.ListEventsAsync(userId, new FeedFilter { Types = [EventType.Bill], IncludePaid = false }, Ct);
        Assert.Equal(["Bill"], unpaidBills.Select(f => f.Event.Title));

        var withCancelled = await Feed.ListEventsAsync(userId, FeedFilter.All with { IncludeCancelled = true }, Ct);
        Assert.Contains(withCancelled, f => f.Event.Title == "Cancelled");
    }

    // ---- service: the cheap path ----

    [Fact]
    public async Task A_conditional_request_matching_the_validators_reads_no_events_and_any_change_renders_again()
    {
        var userId = await NewUserAsync();
        var token = (await Subscriptions.IssueAsync(userId, Ct)).Token;
        var e = await InsertEventAsync(userId);
        var store = new CountingFeedStore(Feed);
        var service = new CalendarFeedService(store, Services.GetRequiredService<CalendarFeedWriter>());

        var first = Assert.IsType<FeedResult.Calendar>(await service.GetAsync(token, FeedFilter.All, FeedConditions.None, Ct));
        Assert.Equal(1, store.Listings);

        var byEtag = await service.GetAsync(token, FeedFilter.All, new FeedConditions([first.Validators.ETag], null), Ct);
        var byDate = await service.GetAsync(token, FeedFilter.All, new FeedConditions([], first.Validators.LastModified), Ct);
        Assert.Equal(first.Validators, Assert.IsType<FeedResult.NotModified>(byEtag).Validators);
        Assert.IsType<FeedResult.NotModified>(byDate);
        Assert.Equal(1, store.Listings);

        // Another filter is another representation: its own ETag.
        var bills = await service.GetAsync(token, FeedFilter.All with { IncludePaid = false }, new FeedConditions([first.Validators.ETag], null), Ct);
        Assert.NotEqual(first.Validators.ETag, Assert.IsType<FeedResult.Calendar>(bills).Validators.ETag);

        await Events.UpdateAsync(e with { Title = "Rent (raised)" }, Ct);
        var changed = await service.GetAsync(token, FeedFilter.All, new FeedConditions([first.Validators.ETag], null), Ct);
        Assert.Contains("Rent (raised)", System.Text.Encoding.UTF8.GetString(Assert.IsType<FeedResult.Calendar>(changed).Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_unknown_and_malformed_tokens_get_the_same_not_found()
    {
        var userId = await NewUserAsync();
        var token = (await Subscriptions.IssueAsync(userId, Ct)).Token;
        var service = Services.GetRequiredService<ICalendarFeedService>();
        Assert.IsType<FeedResult.Calendar>(await service.GetAsync(token, FeedFilter.All, FeedConditions.None, Ct));

        await Subscriptions.RevokeAsync(userId, Ct);

        foreach (var candidate in new[] { token, FeedTokens.Create(), "x", new string('a', 500) })
        {
            Assert.Same(FeedResult.NotFound.Instance, await service.GetAsync(candidate, FeedFilter.All, FeedConditions.None, Ct));
        }
    }

    private async Task<FeedStamp> StampAsync(IssuedFeedToken token) => (await Feed.FindHeadAsync(FeedTokens.Hash(token.Token), Ct))!.Stamp;

    private async Task<long> RevisionAsync(Guid eventId) =>
        await CountSqlAsync("SELECT revision FROM financial_event_revisions WHERE financial_event_id = @id", new { id = DbId(eventId) });

    private async Task<long> CountSqlAsync(string sql, object? args = null)
    {
        await using var connection = await Services.GetRequiredService<Aegis.CalendarSync.Store.Data.IDbConnectionFactory>().OpenAsync(Ct);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql, args);
    }

    private sealed class CountingFeedStore(ICalendarFeedStore inner) : ICalendarFeedStore
    {
        public int Listings { get; private set; }

        public Task<FeedHead?> FindHeadAsync(string tokenHash, CancellationToken ct) => inner.FindHeadAsync(tokenHash, ct);

        public Task<IReadOnlyList<FeedEvent>> ListEventsAsync(Guid userId, FeedFilter filter, CancellationToken ct)
        {
            Listings++;
            return inner.ListEventsAsync(userId, filter, ct);
        }
    }
}
