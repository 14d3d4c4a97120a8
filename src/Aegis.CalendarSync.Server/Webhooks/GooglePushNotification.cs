namespace Aegis.CalendarSync.Server.Webhooks;

/// <summary>The X-Goog-* headers of one push notification (Google sends an empty body).</summary>
public sealed record GooglePushNotification(
    string? ChannelId,
    string? ChannelToken,
    string? ResourceId,
    string? ResourceState,
    string? MessageNumber)
{
    public static GooglePushNotification FromHeaders(IHeaderDictionary headers) => new(
        headers["X-Goog-Channel-ID"].FirstOrDefault(),
        headers["X-Goog-Channel-Token"].FirstOrDefault(),
        headers["X-Goog-Resource-ID"].FirstOrDefault(),
        headers["X-Goog-Resource-State"].FirstOrDefault(),
        headers["X-Goog-Message-Number"].FirstOrDefault());
}
