using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Application.Connection;

/// <summary>The Google connection as the user sees it.</summary>
public enum GoogleConnectionState
{
    /// <summary>No Google account is connected (never, or disconnected).</summary>
    Disconnected,
    /// <summary>Connected and syncing.</summary>
    Connected,
    /// <summary>Connected; the first sync waits for the user's go-ahead after its preview (Start or Cancel).</summary>
    AwaitingStart,
    /// <summary>Google refused the stored grant (revoked in the Google account, or expired): only a new consent helps.</summary>
    AccessRevoked,
    /// <summary>Connected, but sync is off: switched off by the user, or by the engine with a reason (e.g. push
    /// renewals refused) that a reconnect clears.</summary>
    SyncOff,
}

public static class GoogleConnectionStates
{
    public static GoogleConnectionState Of(CalendarSyncSettings? settings) => settings switch
    {
        null or { IsConnected: false } => GoogleConnectionState.Disconnected,
        { AwaitsStart: true } => GoogleConnectionState.AwaitingStart,
        { Enabled: true } => GoogleConnectionState.Connected,
        { DisabledReason: SyncService.RevokedReason } => GoogleConnectionState.AccessRevoked,
        _ => GoogleConnectionState.SyncOff,
    };

    /// <summary>Sync was switched off by the engine for a reason only a new consent clears.</summary>
    public static bool NeedsReconnect(CalendarSyncSettings? settings) =>
        Of(settings) is GoogleConnectionState.AccessRevoked or GoogleConnectionState.SyncOff && IsReconnectReason(settings!.DisabledReason);

    /// <summary>The engine's reasons for switching sync off that a new consent clears (revoked grant, push renewals refused).</summary>
    public static bool IsReconnectReason(string? disabledReason) =>
        disabledReason is SyncService.RevokedReason or ChannelRenewal.DisabledReason;
}
