using Aegis.CalendarSync.Cluster;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Cluster;

/// <summary>Two nodes (two runners with their own identities) on one database, driven by the fake clock: the pass
/// runs on one node at a time, the other runs it after, a dead node is replaced within one lease, and a lost lease
/// stops the pass. Subclassed once per engine.</summary>
public abstract class SingletonJobRunnerTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly ClusterOptions Options = new() { JobLease = TimeSpan.FromSeconds(90), JobLeaseRetry = TimeSpan.FromSeconds(7) };

    private IJobLeaseStore Leases => Services.GetRequiredService<IJobLeaseStore>();

    private SingletonJobRunner NewNode() => new(Leases, new NodeIdentity(), Microsoft.Extensions.Options.Options.Create(Options), Time,
        NullLogger<SingletonJobRunner>.Instance);

    [Fact]
    public async Task The_second_node_waits_while_the_first_runs_the_pass_and_runs_it_after()
    {
        var (a, b) = (NewNode(), NewNode());
        var order = new List<string>();
        var release = new TaskCompletionSource();
        var aStarted = new TaskCompletionSource();

        var first = a.RunAsync(SingletonJob.ChannelRenewal, async ct =>
        {
            order.Add("a starts");
            aStarted.SetResult();
            await release.Task.WaitAsync(ct);
            order.Add("a ends");
            return "a";
        }, Ct);
        await aStarted.Task;

        var second = b.RunAsync(SingletonJob.ChannelRenewal, ct =>
        {
            lock (order) order.Add("b runs");
            return Task.FromResult("b");
        }, Ct);
        await Time.WaitForTimerAsync(Options.JobLeaseRetry);
        Assert.Equal(["a starts"], order);

        release.SetResult();
        Assert.Equal("a", await first);
        Time.Advance(Options.JobLeaseRetry);
        Assert.Equal("b", await second);
        Assert.Equal(["a starts", "a ends", "b runs"], order);
    }

    [Fact]
    public async Task A_node_that_died_holding_the_lease_is_replaced_once_its_lease_lapses()
    {
        // The dead node took the lease and never renews it (kill -9 mid-run).
        Assert.NotNull(await Leases.TryAcquireAsync(SingletonJobRunner.JobName(SingletonJob.QueueCleanup), "dead-node", Options.JobLease, Ct));
        var ran = false;

        var survivor = NewNode().RunAsync(SingletonJob.QueueCleanup, _ => Task.FromResult(ran = true), Ct);
        TimeSpan due;
        while ((due = await Time.NextTimerAsync()) == Options.JobLeaseRetry)
        {
            Assert.False(ran);
            Time.Advance(due);
        }

        Assert.True(Time.GetUtcNow() - Start >= Options.JobLease);
        Assert.True(await survivor);
    }

    [Fact]
    public async Task A_pass_whose_lease_was_taken_over_is_cancelled_at_its_next_renewal()
    {
        var node = NewNode();
        var started = new TaskCompletionSource();
        var pass = node.RunAsync(SingletonJob.ChannelRenewal, async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return 0;
        }, Ct);
        await started.Task;
        await Time.WaitForTimerAsync(Options.JobLease / 3);

        // Another node took the job over (this node was paused past its lease): the fencing token moved on.
        await ExecuteSqlAsync("UPDATE job_leases SET holder = 'other-node', fencing_token = fencing_token + 1");
        Time.Advance(Options.JobLease / 3);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
        var lease = Assert.Single(await ListLeasesAsync());
        Assert.Equal("other-node", lease);
    }

    [Fact]
    public async Task A_long_pass_keeps_its_lease_by_renewing_it_and_releases_it_at_the_end()
    {
        var a = NewNode();
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var pass = a.RunAsync(SingletonJob.QueueCleanup, async ct =>
        {
            started.SetResult();
            await release.Task.WaitAsync(ct);
            return 1;
        }, Ct);
        await started.Task;

        // Three lease lengths pass while it runs; each third of a lease the lease is renewed (the renewal loop arms its
        // next wait only once the renewal is written), so nobody else can take it.
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(Options.JobLease / 3, await Time.NextTimerAsync());
            Assert.Null(await Leases.TryAcquireAsync(SingletonJobRunner.JobName(SingletonJob.QueueCleanup), "probe", Options.JobLease, Ct));
            Time.Advance(Options.JobLease / 3);
        }

        Assert.Equal(Options.JobLease / 3, await Time.NextTimerAsync());
        release.SetResult();
        Assert.Equal(1, await pass);
        Assert.NotNull(await Leases.TryAcquireAsync(SingletonJobRunner.JobName(SingletonJob.QueueCleanup), "probe", Options.JobLease, Ct));
    }

    private async Task<List<string>> ListLeasesAsync()
    {
        await using var connection = await Services.GetRequiredService<Aegis.CalendarSync.Store.Data.IDbConnectionFactory>().OpenAsync(Ct);
        return [.. await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT holder FROM job_leases")];
    }
}
