using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Server.Configuration;
using Aegis.CalendarSync.Server.Observability;
using Aegis.CalendarSync.Testing.Statements;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Tests.Observability;

/// <summary>The queue-depth gauge counts the queue only when it is read, at most once per cache period (server on a
/// fake clock; every statement counted).</summary>
public sealed class QueueDepthGaugeTests : IAsyncLifetime
{
    private readonly TestClock _time = new(DateTimeOffset.UtcNow);
    private readonly StatementCounter _statements = new();
    private TestServerHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServerHost.StartAsync(new TestServerOptions
        {
            Time = _time,
            Services = services => CountingConnectionFactory.Decorate(services, _statements),
        });

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task The_queue_is_counted_only_when_the_gauge_is_read_and_at_most_once_per_cache_period()
    {
        var monitor = _server.Get<QueueDepthMonitor>();
        var period = _server.Get<IOptions<ServerOptions>>().Value.QueueDepthCacheDuration;
        var user = await _server.CreateUserAsync("gauge@example.com");
        await _server.Get<ISyncQueueStore>().EnqueueFromGoogleAsync(user.Id, QueueAction.FullSync, CancellationToken.None);

        // QueueDepthMonitor is no hosted service and arms no timer: an unread gauge costs nothing.
        _time.Advance(10 * period);

        // A read after the period counts now (other tests' metric listeners in this process may read the gauge too,
        // so the sample's time, not a statement count, shows the count is fresh).
        var before = Counts();
        var first = monitor.Observe()!;
        Assert.Equal(_time.GetUtcNow(), first.At);
        Assert.True(Counts() > before);
        Assert.Equal(1, first.CountByStatus.Values.Sum()); // the one item, in whatever state the processor left it
        // Within the period every read reuses that count, with no statement.
        _time.Advance(period - TimeSpan.FromMilliseconds(1));
        before = Counts();
        Assert.Same(first, monitor.Observe());
        Assert.Same(first, monitor.Observe());
        Assert.Equal(before, Counts());
        // After it, the next read counts again.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(_time.GetUtcNow(), monitor.Observe()!.At);
    }

    /// <summary>The queue counts run so far (the gauge's statement).</summary>
    private int Counts() => _statements.Snapshot().StatementTexts.Count(s => s.Contains("GROUP BY status", StringComparison.Ordinal));
}
