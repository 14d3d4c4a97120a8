namespace Aegis.CalendarSync.Connection.Push;

/// <summary>One Google push notification as received: the X-Goog-Channel-ID, -Channel-Token, -Resource-ID,
/// -Resource-State and -Message-Number values, unparsed (Google sends an empty body).</summary>
public sealed record PushNotification(
    string? ChannelId,
    string? ChannelToken,
    string? ResourceId,
    string? ResourceState,
    string? MessageNumber);
