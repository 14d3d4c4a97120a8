using System.Globalization;
using GoogleCalendarEmulator.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GoogleCalendarEmulator.Push;

/// <summary>Delivers queued push messages as Google does: POST, empty body, X-Goog-* headers, User-Agent APIs-Google. No retries.</summary>
internal sealed class NotificationDispatcher(
    NotificationQueue queue, IHttpClientFactory httpClientFactory, EmulatorOptions options, ILogger<NotificationDispatcher> logger)
    : BackgroundService
{
    public const string HttpClientName = "GoogleCalendarEmulator.Push";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverIfActiveAsync(message, stoppingToken);
            queue.Settled();
        }
    }

    private async Task DeliverIfActiveAsync(PushMessage message, CancellationToken stoppingToken)
    {
        if (message.Delay > TimeSpan.Zero)
        {
            await Task.Delay(message.Delay, options.TimeProvider, stoppingToken);
        }

        if (!message.Channel.IsActive(options.TimeProvider.GetUtcNow()))
        {
            return;
        }

        try
        {
            await DeliverAsync(message, stoppingToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Push to {Address} for channel {Channel} failed", message.Channel.Address, message.Channel.Id);
        }
    }

    private async Task DeliverAsync(PushMessage message, CancellationToken ct)
    {
        var channel = message.Channel;
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Address) { Content = new ByteArrayContent([]) };
        request.Headers.TryAddWithoutValidation("User-Agent", "APIs-Google");
        request.Headers.Add("X-Goog-Channel-ID", channel.Id);
        if (channel.Token is not null)
        {
            request.Headers.Add("X-Goog-Channel-Token", channel.Token);
        }

        request.Headers.Add("X-Goog-Channel-Expiration", channel.Expiration.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Add("X-Goog-Resource-ID", channel.ResourceId);
        request.Headers.Add("X-Goog-Resource-URI", channel.ResourceUri);
        request.Headers.Add("X-Goog-Resource-State", message.ResourceState);
        request.Headers.Add("X-Goog-Message-Number", message.Number.ToString(CultureInfo.InvariantCulture));

        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("Push receiver {Address} answered {Status}", channel.Address, (int)response.StatusCode);
        }
    }
}
