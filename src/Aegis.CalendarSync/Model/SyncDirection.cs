namespace Aegis.CalendarSync.Model;

/// <summary>Stored as 'to_google' / 'from_google'.</summary>
public enum SyncDirection { ToGoogle, FromGoogle }
