using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Batch;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>updated_at is stamped from the clock. last_message_number belongs to
/// <see cref="TryAdvanceMessageNumberAsync"/>: an upsert never lowers it from a stale copy, and resets it to 0 only
/// when the channel id changes (a new channel numbers its messages from 1).</summary>
internal sealed class SqlSettingsStore(SqlStoreContext db) : ISettingsStore
{
    /// <summary>Inside a claimed batch's outbound item: the settings the batch loaded (unless written since).</summary>
    public Task<CalendarSyncSettings?> GetAsync(Guid userId, CancellationToken ct) =>
        QueueBatchItem.Current is { } item && item.Batch.Snapshot.TryGetSettings(userId, out var loaded)
            ? Task.FromResult(loaded)
            : QuerySingleAsync("user_id = @value", db.Dialect.Id(userId), ct);

    /// <summary>The channel of the default calendar (the settings row as stored), or of a further synced calendar: then
    /// the user's settings seen from that calendar (its id, channel, resource id, expiry, message number, sync token and
    /// import flag in place of the default calendar's).</summary>
    public async Task<CalendarSyncSettings?> FindByChannelIdAsync(string channelId, CancellationToken ct)
    {
        if (await QuerySingleAsync("google_channel_id = @value", channelId, ct).ConfigureAwait(false) is { } settings) return settings;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var calendar = await connection.QuerySingleOrDefaultAsync<SyncedCalendarRow>(Db.Command(
            $"SELECT {SyncedCalendarRow.Columns} FROM calendar_sync_calendars WHERE google_channel_id = @channelId", new { channelId }, ct))
            .ConfigureAwait(false);
        if (calendar is null) return null;
        var owner = await GetAsync(DbValue.ToGuid(calendar.UserId), ct).ConfigureAwait(false);
        return owner?.ForCalendar(calendar.ToModel());
    }

    public async Task UpsertAsync(CalendarSyncSettings s, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetSettings(s.UserId);
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            """
            INSERT INTO calendar_sync_settings (user_id, enabled, calendar_id, google_account_email, encrypted_access_token,
                encrypted_refresh_token, token_expires_at, sync_token, google_channel_id, google_resource_id, channel_expiry_at,
                webhook_secret, last_message_number, conflict_strategy, last_full_sync_at, disabled_reason, updated_at, connection_id,
                import_foreign_events, awaiting_start_since, pending_calendar_name)
            VALUES (@userId, @enabled, @calendarId, @email, @accessToken, @refreshToken, @tokenExpiresAt, @syncToken,
                @channelId, @resourceId, @channelExpiryAt, @webhookSecret, @messageNumber, @strategy, @lastFullSyncAt,
                @disabledReason, @now, @connectionId, @importForeign, @awaitingSince, @pendingCalendar)
            ON CONFLICT (user_id) DO UPDATE SET
                enabled = excluded.enabled, calendar_id = excluded.calendar_id,
                google_account_email = excluded.google_account_email,
                encrypted_access_token = excluded.encrypted_access_token,
                encrypted_refresh_token = excluded.encrypted_refresh_token,
                token_expires_at = excluded.token_expires_at, sync_token = excluded.sync_token,
                google_channel_id = excluded.google_channel_id, google_resource_id = excluded.google_resource_id,
                channel_expiry_at = excluded.channel_expiry_at, webhook_secret = excluded.webhook_secret,
                last_message_number = CASE
                    WHEN calendar_sync_settings.google_channel_id IS NOT DISTINCT FROM excluded.google_channel_id
                    THEN calendar_sync_settings.last_message_number ELSE 0 END,
                conflict_strategy = excluded.conflict_strategy, last_full_sync_at = excluded.last_full_sync_at,
                disabled_reason = excluded.disabled_reason, updated_at = excluded.updated_at,
                connection_id = excluded.connection_id, import_foreign_events = excluded.import_foreign_events,
                awaiting_start_since = excluded.awaiting_start_since, pending_calendar_name = excluded.pending_calendar_name
            """,
            new
            {
                userId = d.Id(s.UserId), enabled = s.Enabled, calendarId = s.CalendarId, email = s.GoogleAccountEmail,
                accessToken = s.EncryptedAccessToken, refreshToken = s.EncryptedRefreshToken,
                tokenExpiresAt = d.Time(s.TokenExpiresAt), syncToken = s.SyncToken, channelId = s.GoogleChannelId,
                resourceId = s.GoogleResourceId, channelExpiryAt = d.Time(s.ChannelExpiryAt), webhookSecret = s.WebhookSecret,
                messageNumber = s.LastMessageNumber, strategy = EnumText.ToText(s.ConflictStrategy),
                lastFullSyncAt = d.Time(s.LastFullSyncAt), disabledReason = s.DisabledReason, now = d.Time(db.Now()), connectionId = s.ConnectionId,
                importForeign = s.ImportForeignEvents, awaitingSince = d.Time(s.AwaitingStartSince), pendingCalendar = s.PendingCalendarName,
            }, ct)).ConfigureAwait(false);
    }

    public async Task<bool> TryStartAsync(Guid userId, string calendarId, bool importForeignEvents, CancellationToken ct)
    {
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            "UPDATE calendar_sync_settings SET awaiting_start_since = NULL, pending_calendar_name = NULL, calendar_id = @calendarId, " +
            "import_foreign_events = @importForeign, updated_at = @now " +
            $"WHERE user_id = @userId AND awaiting_start_since IS NOT NULL AND {SettingsSql.IsConnected}",
            new { userId = d.Id(userId), calendarId, importForeign = importForeignEvents, now = d.Time(db.Now()) }, ct)).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<CalendarSyncSettings>> ListChannelsExpiringBeforeAsync(DateTimeOffset before, CancellationToken ct) =>
        QueryListAsync($"{SettingsSql.CanSync} AND (google_channel_id IS NULL OR channel_expiry_at < @before) ORDER BY channel_expiry_at",
            new { before = db.Dialect.Time(before) }, ct);

    public Task<IReadOnlyList<CalendarSyncSettings>> ListEnabledAsync(CancellationToken ct) =>
        QueryListAsync("enabled = @enabled ORDER BY user_id", new { enabled = true }, ct);

    public async Task<bool> TryAdvanceMessageNumberAsync(Guid userId, string channelId, long messageNumber, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await MessageNumberSql.TryAdvanceAsync(db, connection, null, userId, channelId, messageNumber, ct).ConfigureAwait(false);
    }

    public Task SetSyncTokenAsync(Guid userId, string? syncToken, CancellationToken ct) =>
        UpdateAsync("sync_token = @value", userId, syncToken, ct);

    public Task<IReadOnlyList<CalendarSyncSettings>> ListAllAsync(CancellationToken ct) =>
        QueryListAsync("1 = 1 ORDER BY user_id", new { }, ct);

    public async Task<IReadOnlyList<StoredSecrets>> ListStoredSecretsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string UserId, string? Access, string? Refresh, string? Webhook)>(Db.Command(
            "SELECT CAST(user_id AS TEXT), encrypted_access_token, encrypted_refresh_token, webhook_secret " +
            "FROM calendar_sync_settings ORDER BY user_id", null, ct)).ConfigureAwait(false);
        return rows.Select(r => new StoredSecrets(Guid.Parse(r.UserId), r.Access, r.Refresh, r.Webhook)).ToList();
    }

    public async Task<bool> ReplaceStoredSecretsAsync(StoredSecrets expected, StoredSecrets replacement, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetSettings(expected.UserId);
        if (expected.UserId != replacement.UserId) throw new ArgumentException("Both must describe the same user.", nameof(replacement));
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(Db.Command(
            "UPDATE calendar_sync_settings SET encrypted_access_token = @access, encrypted_refresh_token = @refresh, " +
            "webhook_secret = @webhook, updated_at = @now WHERE user_id = @userId " +
            "AND encrypted_access_token IS NOT DISTINCT FROM @expectedAccess " +
            "AND encrypted_refresh_token IS NOT DISTINCT FROM @expectedRefresh " +
            "AND webhook_secret IS NOT DISTINCT FROM @expectedWebhook",
            new
            {
                userId = d.Id(expected.UserId), access = replacement.AccessToken, refresh = replacement.RefreshToken,
                webhook = replacement.WebhookSecret, expectedAccess = expected.AccessToken,
                expectedRefresh = expected.RefreshToken, expectedWebhook = expected.WebhookSecret, now = d.Time(db.Now()),
            }, ct)).ConfigureAwait(false);
        return rows == 1;
    }

    public async Task SaveTokensAsync(Guid userId, string encryptedAccessToken, string encryptedRefreshToken, DateTimeOffset expiresAt, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetSettings(userId);
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "UPDATE calendar_sync_settings SET encrypted_access_token = @access, encrypted_refresh_token = @refresh, " +
            "token_expires_at = @expiresAt, updated_at = @now WHERE user_id = @userId",
            new { userId = d.Id(userId), access = encryptedAccessToken, refresh = encryptedRefreshToken, expiresAt = d.Time(expiresAt), now = d.Time(db.Now()) },
            ct)).ConfigureAwait(false);
    }

    public async Task SavePreferencesAsync(CalendarSyncSettings preferences, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetSettings(preferences.UserId);
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            """
            INSERT INTO calendar_sync_settings (user_id, enabled, calendar_id, conflict_strategy, disabled_reason, last_message_number, updated_at,
                import_foreign_events)
            VALUES (@userId, @enabled, @calendarId, @strategy, @disabledReason, 0, @now, @importForeign)
            ON CONFLICT (user_id) DO UPDATE SET
                enabled = excluded.enabled, calendar_id = excluded.calendar_id, conflict_strategy = excluded.conflict_strategy,
                disabled_reason = excluded.disabled_reason, updated_at = excluded.updated_at,
                import_foreign_events = excluded.import_foreign_events
            """,
            new
            {
                userId = d.Id(preferences.UserId), enabled = preferences.Enabled, calendarId = preferences.CalendarId,
                strategy = EnumText.ToText(preferences.ConflictStrategy), disabledReason = preferences.DisabledReason,
                now = d.Time(db.Now()), importForeign = preferences.ImportForeignEvents,
            }, ct)).ConfigureAwait(false);
    }

    public async Task SetLastFullSyncAsync(Guid userId, DateTimeOffset at, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetSettings(userId);
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "UPDATE calendar_sync_settings SET last_full_sync_at = @at, updated_at = @now WHERE user_id = @userId",
            new { userId = d.Id(userId), at = d.Time(at), now = d.Time(db.Now()) }, ct)).ConfigureAwait(false);
    }

    public async Task SaveChannelAsync(Guid userId, string channelId, string? resourceId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetSettings(userId);
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "UPDATE calendar_sync_settings SET google_channel_id = @channelId, google_resource_id = @resourceId, " +
            "channel_expiry_at = @expiresAt, last_message_number = 0, updated_at = @now WHERE user_id = @userId",
            new { userId = d.Id(userId), channelId, resourceId, expiresAt = d.Time(expiresAt), now = d.Time(db.Now()) }, ct)).ConfigureAwait(false);
    }

    public async Task SaveCalendarAsync(Guid userId, string calendarId, string channelId, string? resourceId, DateTimeOffset channelExpiresAt,
        CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetSettings(userId);
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "UPDATE calendar_sync_settings SET calendar_id = @calendarId, google_channel_id = @channelId, google_resource_id = @resourceId, " +
            "channel_expiry_at = @expiresAt, last_message_number = 0, sync_token = NULL, updated_at = @now, " +
            "import_foreign_events = CASE WHEN calendar_id = @calendarId THEN import_foreign_events ELSE @off END WHERE user_id = @userId",
            new { userId = d.Id(userId), calendarId, channelId, resourceId, expiresAt = d.Time(channelExpiresAt), now = d.Time(db.Now()), off = false },
            ct)).ConfigureAwait(false);
    }

    public Task DisableAsync(Guid userId, string reason, CancellationToken ct) =>
        UpdateAsync("enabled = @disabled, disabled_reason = @value", userId, reason, ct);

    private async Task UpdateAsync(string set, Guid userId, string? value, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetSettings(userId);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            $"UPDATE calendar_sync_settings SET {set}, updated_at = @now WHERE user_id = @userId",
            new { userId = db.Dialect.Id(userId), value, disabled = false, now = db.Dialect.Time(db.Now()) }, ct)).ConfigureAwait(false);
    }

    private async Task<CalendarSyncSettings?> QuerySingleAsync(string where, object value, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>(Db.Command(
            $"SELECT {SettingsRow.Columns} FROM calendar_sync_settings WHERE {where}", new { value }, ct)).ConfigureAwait(false);
        return row?.ToModel();
    }

    private async Task<IReadOnlyList<CalendarSyncSettings>> QueryListAsync(string whereAndOrder, object args, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SettingsRow>(Db.Command(
            $"SELECT {SettingsRow.Columns} FROM calendar_sync_settings WHERE {whereAndOrder}", args, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }
}
