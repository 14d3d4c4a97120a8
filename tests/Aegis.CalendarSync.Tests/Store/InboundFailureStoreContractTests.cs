using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>The <see cref="IInboundFailureStore"/> contract; subclassed once per engine.</summary>
public abstract class InboundFailureStoreContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private IInboundFailureStore Failures => Services.GetRequiredService<IInboundFailureStore>();

    [Fact]
    public async Task A_repeated_failure_counts_attempts_and_keeps_the_first_time_and_the_latest_reason()
    {
        var userId = await NewUserAsync();
        await Failures.RecordAsync(userId, "primary", "evt1", "first reason", Start, Ct);
        await Failures.RecordAsync(userId, "primary", "evt1", "second reason", Start.AddMinutes(5), Ct);
        await Failures.RecordAsync(userId, "other-calendar", "evt1", "elsewhere", Start.AddMinutes(6), Ct);

        var failures = await Failures.ListAsync(userId, Ct);

        Assert.Equal(2, failures.Count);
        var primary = failures.Single(f => f.GoogleCalendarId == "primary");
        Assert.Equal(("evt1", "second reason", 2, Start, Start.AddMinutes(5)),
            (primary.GoogleEventId, primary.Reason, primary.Attempts, primary.FirstFailedAt, primary.LastFailedAt));
        Assert.Equal(1, failures.Single(f => f.GoogleCalendarId == "other-calendar").Attempts);
    }

    [Fact]
    public async Task Failures_are_scoped_by_user_and_cleared_per_event()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        await Failures.RecordAsync(owner, "primary", "evt1", "bad currency", Start, Ct);
        await Failures.RecordAsync(owner, "primary", "evt2", "bad currency", Start, Ct);

        Assert.Empty(await Failures.ListAsync(other, Ct));
        Assert.False(await Failures.ClearAsync(other, "primary", "evt1", Ct));
        Assert.True(await Failures.ClearAsync(owner, "primary", "evt1", Ct));
        Assert.False(await Failures.ClearAsync(owner, "primary", "evt1", Ct));

        Assert.Equal(["evt2"], (await Failures.ListAsync(owner, Ct)).Select(f => f.GoogleEventId));
    }
}

public sealed class SqliteInboundFailureStoreTests(SqliteTestDatabase database) : InboundFailureStoreContractTests<SqliteTestDatabase>(database);

public sealed class PostgresInboundFailureStoreTests(PostgresTestDatabase database) : InboundFailureStoreContractTests<PostgresTestDatabase>(database);
