namespace GoogleCalendarEmulator.Push;

/// <summary>One notification to deliver: resource state "sync" or "exists".</summary>
internal sealed record PushMessage(WatchChannel Channel, long Number, string ResourceState, TimeSpan Delay);
