using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Cluster;

/// <summary>Job leases, as every store engine must keep them; subclassed once per engine.</summary>
public abstract class ClusterStoreContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    private IJobLeaseStore Leases => Services.GetRequiredService<IJobLeaseStore>();

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
}
