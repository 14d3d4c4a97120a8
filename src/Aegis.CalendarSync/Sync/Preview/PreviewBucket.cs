namespace Aegis.CalendarSync.Sync.Preview;

/// <summary>How many events one kind of change of the first sync would touch, with the titles of the first few
/// (at most <see cref="MaxSamples"/>, in the order the sync meets them).</summary>
public sealed record PreviewBucket(int Count, IReadOnlyList<string> Samples)
{
    public const int MaxSamples = 5;

    public static readonly PreviewBucket Empty = new(0, []);
}
