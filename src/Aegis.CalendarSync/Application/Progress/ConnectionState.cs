namespace Aegis.CalendarSync.Application.Progress;

/// <summary>The user's Google connection as the stream reports it (no token or secret).</summary>
public sealed record ConnectionState(bool Connected, bool SyncEnabled, string? DisabledReason)
{
    public static readonly ConnectionState NotConnected = new(false, false, null);

    /// <summary>"connected", "disabled" (connected but sync off) or "not_connected".</summary>
    public string State => !Connected ? "not_connected" : SyncEnabled ? "connected" : "disabled";
}
