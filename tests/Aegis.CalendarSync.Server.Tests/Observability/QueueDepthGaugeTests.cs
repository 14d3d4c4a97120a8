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

        // Unread, the gauge costs nothing however long the server runs.
        _time.Advance(10 * period);
        Assert.Equal(0, Counts());

        var first = monitor.Observe();
        Assert.Equal(1, Counts());
        Assert.Equal(1, first!.CountByStatus.Values.Sum()); // the one item, in whatever state the processor left it
        // Within the period a read reuses the count.
        _time.Advance(period - TimeSpan.FromMilliseconds(1));
        Assert.Same(first, monitor.Observe());
        Assert.Equal(1, Counts());
        // After it, the next read counts again.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.NotSame(first, monitor.Observe());
        Assert.Equal(2, Counts());
    }

    /// <summary>The queue counts run so far (the gauge's statement; nothing else groups the queue by status).</summary>
    private int Counts() => _statements.Snapshot().StatementTexts.Count(s => s.Contains("GROUP BY status", StringComparison.Ordinal));
}
