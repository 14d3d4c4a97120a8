using Aegis.CalendarSync.Connection.Push;

namespace Aegis.CalendarSync.Server.Webhooks;

/// <summary>Maps the X-Goog-* headers of one push notification to the engine's <see cref="PushNotification"/>.</summary>
public static class GooglePushNotification
{
    public static PushNotification FromHeaders(IHeaderDictionary headers) => new(
        headers["X-Goog-Channel-ID"].FirstOrDefault(),
        headers["X-Goog-Channel-Token"].FirstOrDefault(),
        headers["X-Goog-Resource-ID"].FirstOrDefault(),
        headers["X-Goog-Resource-State"].FirstOrDefault(),
        headers["X-Goog-Message-Number"].FirstOrDefault());
}
