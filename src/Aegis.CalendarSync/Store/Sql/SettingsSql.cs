namespace Aegis.CalendarSync.Store.Sql;

/// <summary>The SQL twins of <see cref="Model.CalendarSyncSettings.IsConnected"/> and
/// <see cref="Model.CalendarSyncSettings.CanSync"/> over <c>calendar_sync_settings</c> (unaliased columns), so a query
/// decides "connected and enabled" exactly as the model does. TRUE is 1 on SQLite and boolean true on PostgreSQL.</summary>
internal static class SettingsSql
{
    public const string IsConnected = "encrypted_refresh_token IS NOT NULL";

    public const string CanSync = "enabled = TRUE AND awaiting_start_since IS NULL AND " + IsConnected;

    /// <summary>Twin of <see cref="Model.CalendarSyncSettings.AwaitsStart"/> for the settings row of
    /// <paramref name="userIdColumn"/>: true while that user's connection waits for the go-ahead (its queue work is not
    /// claimed). A primary-key probe.</summary>
    public static string AwaitsStart(string userIdColumn) =>
        $"EXISTS (SELECT 1 FROM calendar_sync_settings s WHERE s.user_id = {userIdColumn} AND s.awaiting_start_since IS NOT NULL AND s.{IsConnected})";
}
