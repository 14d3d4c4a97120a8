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

        Assert.Equal((50, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), 3, 4),
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

    [Fact]
    public void Slow_retries_default_to_five_minutes_half_an_hour_two_hours_and_twelve_hours()
    {
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12)],
            Resolve([]).SlowRetrySchedule);
    }

    [Fact]
    public void Configured_slow_retries_replace_the_defaults()
    {
        var options = Resolve(new() { ["Queue:SlowRetryDelays:0"] = "00:10:00", ["Queue:SlowRetryDelays:1"] = "06:00:00" });

        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromHours(6)], options.SlowRetrySchedule);
    }

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("8.00:00:00")]
    public void Slow_retry_delay_outside_one_minute_to_seven_days_is_rejected_at_start(string delay)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Queue:SlowRetryDelays:0"] = delay }));

        Assert.Contains("SlowRetryDelays:0 must be between 00:01:00 and 7.00:00:00", error.Message);
    }

    [Fact]
    public void More_than_ten_slow_retries_are_rejected_at_start()
    {
        var values = Enumerable.Range(0, 11).ToDictionary(i => $"Queue:SlowRetryDelays:{i}", _ => (string?)"01:00:00");

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(values));

        Assert.Contains("at most 10 slow retries", error.Message);
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
