using Aegis.CalendarSync.Connection.Push;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The webhook validates pushes against cached channel rows; every channel change made through the engine
/// drops the cache at once (real database, emulator-registered channel).</summary>
public abstract class PushChannelCacheTests<TDatabase>(TDatabase database) : HarnessTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private PushNotificationHandler Handler => H.Services.GetRequiredService<PushNotificationHandler>();

    [Fact]
    public async Task A_valid_push_is_answered_from_the_cached_channel_until_this_process_changes_the_channel()
    {
        await H.ConnectAsync();
        var channel = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(channel, 1_000), Ct));

        // The row changes behind the cache's back (as another node would write it): the cached row still answers.
        await ExecuteSqlAsync("UPDATE calendar_sync_settings SET google_resource_id = 'changed-elsewhere'");
        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(channel, 1_001), Ct));

        // A renewal through the engine drops the cached row at once: the old channel is unknown, the new one valid.
        var expiry = channel.ChannelExpiryAt!.Value;
        await H.Settings.SaveChannelAsync(H.UserId, "renewed-channel", "renewed-resource", expiry, Ct);
        Assert.Equal(PushOutcome.UnknownChannel, await Handler.HandleAsync(Push(channel, 1_002), Ct));
        var renewed = channel with { GoogleChannelId = "renewed-channel", GoogleResourceId = "renewed-resource" };
        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(renewed, 1), Ct));

        await H.Settings.DisableAsync(H.UserId, "invalid_grant", Ct);
        Assert.Equal(PushOutcome.SyncDisabled, await Handler.HandleAsync(Push(renewed, 2), Ct));
    }

    [Fact]
    public async Task Forged_pushes_are_refused_from_the_cache_and_unknown_channels_are_never_cached()
    {
        await H.ConnectAsync();
        var channel = (await H.Settings.GetAsync(H.UserId, Ct))!;
        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(channel, 1_000), Ct));

        Assert.Equal(PushOutcome.InvalidToken, await Handler.HandleAsync(Push(channel with { WebhookSecret = "forged" }, 1_001), Ct));
        Assert.Equal(PushOutcome.ResourceMismatch, await Handler.HandleAsync(Push(channel with { GoogleResourceId = "other" }, 1_002), Ct));
        Assert.Equal(PushOutcome.UnknownChannel, await Handler.HandleAsync(Push(channel with { GoogleChannelId = "later-channel" }, 1), Ct));

        // A channel stored after a miss is found on the next push: misses are not remembered.
        await H.Settings.SaveChannelAsync(H.UserId, "later-channel", channel.GoogleResourceId, channel.ChannelExpiryAt!.Value, Ct);
        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(channel with { GoogleChannelId = "later-channel" }, 1), Ct));
        Assert.Equal(PushOutcome.DuplicateMessage, await Handler.HandleAsync(Push(channel with { GoogleChannelId = "later-channel" }, 1), Ct));
    }

    private static PushNotification Push(CalendarSyncSettings channel, long messageNumber) =>
        new(channel.GoogleChannelId, channel.WebhookSecret, channel.GoogleResourceId, "exists",
            messageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = await H.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct);
        await connection.ExecuteAsync(sql);
    }
}

public sealed class SqlitePushChannelCacheTests(SqliteTestDatabase database) : PushChannelCacheTests<SqliteTestDatabase>(database);

public sealed class PostgresPushChannelCacheTests(PostgresTestDatabase database) : PushChannelCacheTests<PostgresTestDatabase>(database);
