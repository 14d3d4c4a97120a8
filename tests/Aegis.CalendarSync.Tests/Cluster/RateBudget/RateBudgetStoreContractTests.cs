using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.RateBudget;
using Aegis.CalendarSync.Tests.Store;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Cluster.RateBudget;

/// <summary>Google's per-user and per-project budgets as every store must keep them (in process, SQLite, PostgreSQL),
/// on the fake clock: exact waits, nothing reserved unless reserved, no slot handed out twice under concurrency, and
/// (property) no sliding minute above either quota for random request sizes and timings.</summary>
public abstract class RateBudgetStoreContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const int Burst = 5;
    private static readonly TimeSpan UserInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ProjectInterval = TimeSpan.FromMilliseconds(10);

    private IRateBudgetStore? _budget;

    /// <summary>Random cases the property runs (each against fresh users and a fresh project).</summary>
    protected virtual int PropertyIterations => 25;

    /// <summary>The store under test, made once on the test's thread (<see cref="InitializeAsync"/>), so concurrent
    /// callers share one.</summary>
    protected IRateBudgetStore Budget => _budget ?? throw new InvalidOperationException("Not initialised.");

    protected virtual IRateBudgetStore CreateBudget() => Services.GetRequiredService<IRateBudgetStore>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _budget = CreateBudget();
    }

    private static RateBudgetRequest Ask(Guid user, int cost, string project = "project", TimeSpan? maxWait = null) =>
        new(user, project, cost, UserInterval, ProjectInterval, Burst, maxWait ?? TimeSpan.FromMinutes(1));

    private static RateReservation Reserved(double ms) => new(RateBudgetOutcome.Reserved, TimeSpan.FromMilliseconds(ms));

    private static RateReservation UserBusy(double ms) => new(RateBudgetOutcome.UserBusy, TimeSpan.FromMilliseconds(ms));

    [Fact]
    public async Task A_quiet_user_sends_the_burst_at_once_then_waits_one_interval_per_call_without_reserving_while_it_waits()
    {
        var user = await NewUserAsync();

        Assert.Equal(Reserved(0), await Budget.ReserveAsync(Ask(user, Burst), Ct));
        // The user's budget is spent: told to come back in one interval, and asking again changes nothing.
        Assert.Equal(UserBusy(100), await Budget.ReserveAsync(Ask(user, 1), Ct));
        Assert.Equal(UserBusy(100), await Budget.ReserveAsync(Ask(user, 1), Ct));
        Assert.Equal(UserBusy(300), await Budget.ReserveAsync(Ask(user, 3), Ct));
        Time.Advance(UserInterval);
        Assert.Equal(Reserved(0), await Budget.ReserveAsync(Ask(user, 1), Ct));
        Assert.Equal(UserBusy(100), await Budget.ReserveAsync(Ask(user, 1), Ct));

        // An idle budget restarts from now: a minute later the whole burst again.
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Reserved(0), await Budget.ReserveAsync(Ask(user, Burst), Ct));
    }

    [Fact]
    public async Task The_project_budget_is_shared_by_all_users_first_come_first_served_and_each_keeps_its_reserved_place()
    {
        var (a, b, c) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());

        Assert.Equal(Reserved(0), await Budget.ReserveAsync(Ask(a, Burst), Ct));
        // The project's burst went to a: b and c queue behind it on the project, 5 x 10 ms each, reserved at once.
        Assert.Equal(Reserved(50), await Budget.ReserveAsync(Ask(b, Burst), Ct));
        Assert.Equal(Reserved(100), await Budget.ReserveAsync(Ask(c, Burst), Ct));
        // a's own budget has room again after 100 ms, the project after 110 ms: the later one counts.
        Assert.Equal(Reserved(110), await Budget.ReserveAsync(Ask(a, 1), Ct));
        // Another project (OAuth client) has its own budget.
        Assert.Equal(Reserved(0), await Budget.ReserveAsync(Ask(await NewUserAsync(), Burst, project: "other"), Ct));
    }

    [Fact]
    public async Task A_wait_beyond_the_limit_is_refused_and_reserves_nothing()
    {
        var (busy, other) = (await NewUserAsync(), await NewUserAsync());
        await Budget.ReserveAsync(Ask(busy, Burst), Ct);

        Assert.Equal(new RateReservation(RateBudgetOutcome.Refused, TimeSpan.FromMilliseconds(300)),
            await Budget.ReserveAsync(Ask(busy, 3, maxWait: TimeSpan.FromMilliseconds(250)), Ct));
        Assert.Equal(new RateReservation(RateBudgetOutcome.Refused, TimeSpan.FromMilliseconds(50)),
            await Budget.ReserveAsync(Ask(other, Burst, maxWait: TimeSpan.FromMilliseconds(40)), Ct));
        // Neither refusal took anything: other still goes after a's 50 ms on the project.
        Assert.Equal(Reserved(50), await Budget.ReserveAsync(Ask(other, Burst), Ct));
    }

    [Fact]
    public async Task A_request_of_more_calls_than_the_burst_is_rejected_as_never_admissible()
    {
        var user = await NewUserAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Budget.ReserveAsync(Ask(user, Burst + 1), Ct));
        Assert.Equal(Reserved(0), await Budget.ReserveAsync(Ask(user, Burst), Ct));
    }

    [Fact]
    public async Task Concurrent_reservations_never_share_a_slot_neither_on_one_users_budget_nor_on_the_project()
    {
        var user = await NewUserAsync();
        var others = new List<Guid>();
        for (var i = 0; i < 20; i++) others.Add(await NewUserAsync());

        // 20 requests of one user at once (two nodes): exactly the burst is reserved, the rest told to wait.
        var own = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Budget.ReserveAsync(Ask(user, 1, project: "own"), Ct))));
        Assert.Equal(Burst, own.Count(r => r.Outcome == RateBudgetOutcome.Reserved));
        Assert.All(own.Where(r => r.Outcome == RateBudgetOutcome.Reserved), r => Assert.Equal(TimeSpan.Zero, r.Wait));

        // 20 users at once on one project: every one reserved, in slots that tile the project's timeline exactly.
        var shared = await Task.WhenAll(others.Select(u => Task.Run(() => Budget.ReserveAsync(Ask(u, 1, project: "shared"), Ct))));
        Assert.All(shared, r => Assert.Equal(RateBudgetOutcome.Reserved, r.Outcome));
        Assert.Equal(
            Enumerable.Repeat(TimeSpan.Zero, Burst).Concat(Enumerable.Range(1, 20 - Burst).Select(k => ProjectInterval * k)),
            shared.Select(r => r.Wait).Order());
    }

    [Fact]
    public async Task No_sliding_minute_exceeds_either_quota_for_random_request_sizes_and_timings()
    {
        var cases = from burst in Gen.Int[1, 50]
                    from userQuota in Gen.Int[burst + 1, burst + 240]
                    from projectQuota in Gen.Int[burst + 1, burst + 480]
                    from users in Gen.Int[1, 3]
                    from arrivals in Gen.Select(Gen.Int[0, users - 1], Gen.Int[1, burst], Gen.Int[0, 150_000],
                        (user, cost, ms) => new QuotaSimulation.Arrival(user, cost, TimeSpan.FromMilliseconds(ms))).Array[1, 40]
                    select (Quota: new GoogleQuota(userQuota, projectQuota, burst), Users: users, Arrivals: arrivals);

        await cases.SampleAsync(async c =>
        {
            var users = new List<Guid>();
            for (var i = 0; i < c.Users; i++) users.Add(await NewUserAsync(syncEnabled: false));
            var released = await QuotaSimulation.RunAsync(Budget, Time, users, $"project-{Guid.NewGuid():N}", c.Quota, c.Arrivals);

            Assert.Equal(c.Arrivals.Sum(a => a.Cost), released.Sum(r => r.Calls));
            Assert.Null(QuotaSimulation.FirstViolation(released, c.Quota, c.Users));
        }, iter: PropertyIterations, threads: 1);
    }
}
