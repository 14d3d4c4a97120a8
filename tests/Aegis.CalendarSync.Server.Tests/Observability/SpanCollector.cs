using System.Collections;
using System.Diagnostics;

namespace Aegis.CalendarSync.Server.Tests.Observability;

/// <summary>The in-memory exporter's target: spans end on the server's threads while the test reads them, so every
/// access takes one lock; readers get a copy.</summary>
public sealed class SpanCollector : ICollection<Activity>
{
    private readonly Lock _gate = new();
    private readonly List<Activity> _spans = [];

    public int Count { get { lock (_gate) return _spans.Count; } }

    public bool IsReadOnly => false;

    public IReadOnlyList<Activity> Snapshot() { lock (_gate) return [.. _spans]; }

    /// <summary>The ended spans of one trace.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId) => Snapshot().Where(s => s.TraceId == traceId).ToList();

    public void Add(Activity item) { lock (_gate) _spans.Add(item); }

    public void Clear() { lock (_gate) _spans.Clear(); }

    public bool Contains(Activity item) { lock (_gate) return _spans.Contains(item); }

    public void CopyTo(Activity[] array, int arrayIndex) { lock (_gate) _spans.CopyTo(array, arrayIndex); }

    public bool Remove(Activity item) { lock (_gate) return _spans.Remove(item); }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
