namespace Aegis.CalendarSync.Application.Progress;

/// <summary>The user's Google connection in one word; on the wire 'not_connected' / 'connected' / 'disabled'
/// (connected but sync off).</summary>
public enum ConnectionStatus { NotConnected, Connected, Disabled }
