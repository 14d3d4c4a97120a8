using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Sync;

/// <summary>Answer to a sync request: enqueued (the queue processor runs it), refused because no Google account is
/// connected, because the first sync awaits the user's go-ahead, or refused because sync is switched off (with the reason the engine recorded, if any).</summary>
public abstract record SyncRequestResult
{
    private SyncRequestResult() { }

    public sealed record Enqueued(long QueueItemId, QueueAction Action) : SyncRequestResult;

    public sealed record NotConnected : SyncRequestResult
    {
        public static readonly NotConnected Instance = new();
    }

    public sealed record Disabled(string? Reason) : SyncRequestResult;

    /// <summary>Connected, but the first sync waits for the user's go-ahead (the preview's Start).</summary>
    public sealed record AwaitingStart : SyncRequestResult
    {
        public static readonly AwaitingStart Instance = new();
    }

    /// <summary>The refusal for settings that cannot sync, or null when they can.</summary>
    internal static SyncRequestResult? RefusalFor(CalendarSyncSettings? settings) => settings switch
    {
        { CanSync: true } => null,
        { AwaitsStart: true } => AwaitingStart.Instance,
        { IsConnected: true } => new Disabled(settings.DisabledReason),
        _ => NotConnected.Instance,
    };
}
