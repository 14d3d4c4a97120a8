using Aegis.CalendarSync.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Queue;

public sealed class QueueOptionsValidationTests
{
    [Fact]
    public void Defaults_match_the_design()
    {
        var options = Resolve([]);

        Assert.Equal((10, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), 3, 1),
            (options.BatchSize, options.Lease, options.PollInterval, options.MaxRetries, options.WorkerCount));
        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(30)), (options.CompletedRetention, options.AuditRetention));
    }

    [Theory]
    [InlineData("Queue:BatchSize", "0")]
    [InlineData("Queue:WorkerCount", "0")]
    [InlineData("Queue:Lease", "00:00:01")]
    [InlineData("Queue:MaxRetries", "-1")]
    public void Invalid_queue_options_are_rejected(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));

        Assert.Contains(key.Split(':')[1], error.Message);
    }

    private static QueueOptions Resolve(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddAegisQueue();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<QueueOptions>>().Value;
    }
}
