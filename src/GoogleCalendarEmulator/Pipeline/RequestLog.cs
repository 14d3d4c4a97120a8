namespace GoogleCalendarEmulator.Pipeline;

/// <summary>One Calendar or OAuth call as the emulator answered it. <paramref name="InBatch"/>: the call was a part of a batch request (<c>POST /batch/calendar/v3</c>,
/// logged itself as operation <c>batch</c>), not an HTTP request of its own; HTTP requests are the entries without it.
/// <paramref name="At"/>: when the emulator received the call (a batch part: when its batch request arrived).</summary>
public sealed record RequestLogEntry(string Method, string Path, string Operation, int Status, string? Account, string At, bool InBatch = false);

/// <summary>Append-only log of API calls (admin calls are never logged), used to count calls per operation.</summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RequestLogEntry> _entries = [];

    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public IReadOnlyDictionary<string, int> Counts()
    {
        lock (_gate)
        {
            return _entries.GroupBy(e => e.Operation, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
