namespace Aegis.CalendarSync.Store.Sql;

/// <summary>The SQL twins of <see cref="Model.CalendarSyncSettings.IsConnected"/> and
/// <see cref="Model.CalendarSyncSettings.CanSync"/> over <c>calendar_sync_settings</c> (unaliased columns), so a query
/// decides "connected and enabled" exactly as the model does. TRUE is 1 on SQLite and boolean true on PostgreSQL.</summary>
internal static class SettingsSql
{
    public const string IsConnected = "encrypted_refresh_token IS NOT NULL";

    public const string CanSync = "enabled = TRUE AND " + IsConnected;
}
