using System.Globalization;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>A push notification as Google sends it to the webhook, for the channel stored in <paramref name="channel"/>.</summary>
public static class GooglePush
{
    public const string WebhookPath = "api/webhooks/google-calendar";

    public static Task<HttpResponseMessage> SendAsync(TestServerHost server, CalendarSyncSettings channel, string state, long messageNumber)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath);
        request.Headers.Add("X-Goog-Channel-ID", channel.GoogleChannelId);
        request.Headers.Add("X-Goog-Channel-Token", channel.WebhookSecret);
        request.Headers.Add("X-Goog-Resource-ID", channel.GoogleResourceId);
        request.Headers.Add("X-Goog-Resource-State", state);
        request.Headers.Add("X-Goog-Message-Number", messageNumber.ToString(CultureInfo.InvariantCulture));
        return server.CreateClient().SendAsync(request);
    }
}
