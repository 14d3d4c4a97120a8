using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Cluster;

/// <summary>Job leases and the shared Google budget, as every store engine must keep them; subclassed once per engine.</summary>
public abstract class ClusterStoreContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    private IJobLeaseStore Leases => Services.GetRequiredService<IJobLeaseStore>();

    private IRateBudgetStore Budget => Services.GetRequiredService<IRateBudgetStore>();

    [Fact]
    public async Task A_held_lease_is_refused_to_another_node_until_it_lapses_then_taken_over_with_a_new_fencing_token()
    {
        var first = await Leases.TryAcquireAsync("renewal", "node-a", Duration, Ct);
        Assert.NotNull(first);
        Assert.Equal(Start + Duration, first.ExpiresAt);

        Assert.Null(await Leases.TryAcquireAsync("renewal", "node-b", Duration, Ct));
        Time.Advance(Duration - TimeSpan.FromSeconds(1));
        Assert.Null(await Leases.TryAcquireAsync("renewal", "node-b", Duration, Ct));

        Time.Advance(TimeSpan.FromSeconds(1));
        var second = await Leases.TryAcquireAsync("renewal", "node-b", Duration, Ct);
        Assert.NotNull(second);
        Assert.Equal(first.FencingToken + 1, second.FencingToken);

        // The lapsed holder can neither renew nor release the lease it lost.
        Assert.False(await Leases.RenewAsync(first, Duration, Ct));
        await Leases.ReleaseAsync(first, Ct);
        Assert.Null(await Leases.TryAcquireAsync("renewal", "node-c", Duration, Ct));
        Assert.True(await Leases.RenewAsync(second, Duration, Ct));
    }

    [Fact]
    public async Task The_holder_renews_and_reacquires_its_own_lease_under_the_same_token_and_a_release_frees_it_at_once()
    {
        var lease = await Leases.TryAcquireAsync("cleanup", "node-a", Duration, Ct);
        Assert.NotNull(lease);
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Leases.RenewAsync(lease, Duration, Ct));
        Time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Null(await Leases.TryAcquireAsync("cleanup", "node-b", Duration, Ct));

        var again = await Leases.TryAcquireAsync("cleanup", "node-a", Duration, Ct);
        Assert.Equal(lease.FencingToken, again?.FencingToken);

        await Leases.ReleaseAsync(again!, Ct);
        var taken = await Leases.TryAcquireAsync("cleanup", "node-b", Duration, Ct);
        Assert.Equal(lease.FencingToken + 1, taken?.FencingToken);
    }

    [Fact]
    public async Task Of_many_nodes_racing_for_a_free_lease_exactly_one_gets_it()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Leases.TryAcquireAsync("race", $"node-{i}", Duration, Ct))));

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task Leases_of_different_jobs_are_independent()
    {
        Assert.NotNull(await Leases.TryAcquireAsync("renewal", "node-a", Duration, Ct));
        Assert.NotNull(await Leases.TryAcquireAsync("cleanup", "node-b", Duration, Ct));
    }

    [Fact]
    public async Task Budget_reservations_advance_one_interval_per_request_from_now_and_never_hand_out_a_slot_twice()
    {
        var user = await NewUserAsync();
        var interval = TimeSpan.FromMilliseconds(100);

        Assert.Equal(Start + interval, await Budget.ReserveAsync(user, 1, interval, Ct));
        Assert.Equal(Start + interval * 4, await Budget.ReserveAsync(user, 3, interval, Ct));

        // Concurrent reservations (two nodes) are serialised by the row: every slot is distinct and they tile exactly.
        var slots = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Budget.ReserveAsync(user, 1, interval, Ct))));
        Assert.Equal(20, slots.Distinct().Count());
        Assert.Equal(Start + interval * 24, slots.Max());

        // An idle account's budget restarts from now, not from its old arrival time.
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Start + TimeSpan.FromMinutes(1) + interval, await Budget.ReserveAsync(user, 1, interval, Ct));
        var other = await NewUserAsync();
        Assert.Equal(Start + TimeSpan.FromMinutes(1) + interval * 2, await Budget.ReserveAsync(other, 2, interval, Ct));
    }
}
