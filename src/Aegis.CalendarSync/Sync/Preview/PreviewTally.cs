namespace Aegis.CalendarSync.Sync.Preview;

/// <summary>Counts one bucket of a preview and keeps its first titles; an event is counted once per bucket.</summary>
internal sealed class PreviewTally
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _samples = [];

    /// <summary>Counts the event named <paramref name="key"/> (a wallet or Google id); false when already counted.</summary>
    public bool Add(string key, string? title)
    {
        if (!_keys.Add(key))
        {
            return false;
        }

        if (_samples.Count < PreviewBucket.MaxSamples)
        {
            _samples.Add(string.IsNullOrWhiteSpace(title) ? "(no title)" : title);
        }

        return true;
    }

    public PreviewBucket ToBucket() => _keys.Count == 0 ? PreviewBucket.Empty : new PreviewBucket(_keys.Count, _samples.ToList());
}
