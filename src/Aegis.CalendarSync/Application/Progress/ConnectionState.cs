namespace Aegis.CalendarSync.Application.Progress;

/// <summary>The user's Google connection as the stream reports it (no token or secret).</summary>
public sealed record ConnectionState(bool Connected, bool SyncEnabled, string? DisabledReason)
{
    public static readonly ConnectionState NotConnected = new(false, false, null);

    public ConnectionStatus State => !Connected ? ConnectionStatus.NotConnected : SyncEnabled ? ConnectionStatus.Connected : ConnectionStatus.Disabled;
}
