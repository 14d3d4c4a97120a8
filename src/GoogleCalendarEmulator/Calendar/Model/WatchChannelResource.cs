namespace GoogleCalendarEmulator.Calendar.Model;

/// <summary>api#channel: the body of events.watch and channels.stop and the watch response.</summary>
public sealed class WatchChannelResource
{
    public string? Kind { get; set; }
    public string? Id { get; set; }
    public string? ResourceId { get; set; }
    public string? ResourceUri { get; set; }
    public string? Token { get; set; }
    public string? Expiration { get; set; }
    public string? Type { get; set; }
    public string? Address { get; set; }
    public Dictionary<string, string>? Params { get; set; }
}
