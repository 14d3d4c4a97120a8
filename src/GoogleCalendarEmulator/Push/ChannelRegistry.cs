using System.Collections.Concurrent;

namespace GoogleCalendarEmulator.Push;

/// <summary>All watch channels by channel id.</summary>
internal sealed class ChannelRegistry
{
    private readonly ConcurrentDictionary<string, WatchChannel> _channels = new(StringComparer.Ordinal);

    public bool TryAdd(WatchChannel channel) => _channels.TryAdd(channel.Id, channel);

    /// <summary>Only the owning account may stop a channel, and only with the matching resourceId.</summary>
    public bool TryStop(string accountEmail, string? id, string? resourceId)
    {
        if (id is null
            || !_channels.TryGetValue(id, out var channel)
            || !channel.AccountEmail.Equals(accountEmail, StringComparison.OrdinalIgnoreCase)
            || (resourceId is not null && resourceId != channel.ResourceId)
            || !_channels.TryRemove(id, out _))
        {
            return false;
        }

        channel.Stop();
        return true;
    }

    public IReadOnlyList<WatchChannel> Watching(string accountEmail, string calendarId, DateTimeOffset now) =>
        _channels.Values
            .Where(c => c.IsActive(now)
                && c.AccountEmail.Equals(accountEmail, StringComparison.OrdinalIgnoreCase)
                && c.CalendarId.Equals(calendarId, StringComparison.OrdinalIgnoreCase))
            .ToList();

    public IReadOnlyList<WatchChannel> All => _channels.Values.ToList();

    public void Clear()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Stop();
        }

        _channels.Clear();
    }
}
