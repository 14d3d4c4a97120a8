using System.Collections.Concurrent;
using Aegis.CalendarSync.Model;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection.Push;

/// <summary>This process's cache of channel rows by channel id (the default calendar's channel on the settings row and
/// every further calendar's on calendar_sync_calendars, each seen as its calendar's settings), for the webhook's fast
/// path. An entry is trusted for <see cref="ConnectionOptions.PushChannelCacheTtl"/>; only channels that exist are
/// cached (a miss always reads the database, so a channel stored by any node is found by the next push), at most
/// <see cref="Capacity"/>, so forged ids cannot grow it. Every channel write of this process goes through
/// <see cref="InvalidatingAsync{T}"/>; a write of another node is learnt from the database refusing a message number
/// on the cached channel (<see cref="Forget(string)"/>, by the handshake's advance and by <see cref="PushWindows"/>), or
/// when the entry expires.</summary>
public sealed class PushChannelCache(IOptions<ConnectionOptions> options, TimeProvider time)
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Cached> _channels = new(StringComparer.Ordinal);

    /// <summary>The cached row of <paramref name="channelId"/>, or the one <paramref name="read"/> returns (cached
    /// when it exists; a miss is not remembered).</summary>
    internal async Task<CalendarSyncSettings?> GetOrReadAsync(string channelId, Func<Task<CalendarSyncSettings?>> read)
    {
        var ttl = options.Value.PushChannelCacheTtl;
        if (_channels.TryGetValue(channelId, out var cached) && time.GetElapsedTime(cached.ReadAt) < ttl) return cached.Settings;
        var readAt = time.GetTimestamp();
        var settings = await read().ConfigureAwait(false);
        if (settings is null || ttl <= TimeSpan.Zero)
        {
            _channels.TryRemove(channelId, out _);
            return settings;
        }

        if (_channels.Count >= Capacity) _channels.Clear();
        _channels[channelId] = new Cached(settings, readAt);
        return settings;
    }

    /// <summary>Runs a write that can change any of the user's channels (any calendar's), dropping the user's cached rows
    /// before it and again after it, so a lookup racing the write cannot leave the old row cached.</summary>
    internal async Task<T> InvalidatingAsync<T>(Guid userId, Func<Task<T>> write)
    {
        Forget(userId);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            Forget(userId);
        }
    }

    /// <inheritdoc cref="InvalidatingAsync{T}"/>
    internal Task InvalidatingAsync(Guid userId, Func<Task> write) =>
        InvalidatingAsync(userId, async () =>
        {
            await write().ConfigureAwait(false);
            return true;
        });

    /// <summary>Drops one channel's row (the database no longer matches it), so its next push reads the database.</summary>
    public void Forget(string channelId) => _channels.TryRemove(channelId, out _);

    private void Forget(Guid userId)
    {
        foreach (var (channelId, cached) in _channels)
        {
            if (cached.Settings.UserId == userId) _channels.TryRemove(channelId, out _);
        }
    }

    private sealed record Cached(CalendarSyncSettings Settings, long ReadAt);
}
