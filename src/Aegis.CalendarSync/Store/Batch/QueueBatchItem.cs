using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store.Batch;

/// <summary>The buffered writes of one outbound item of a batch, made while its handler runs (the item's async flow
/// carries it: <see cref="Current"/>). Mapping writes apply the same optimistic checks as the store against what the
/// batch loaded plus the item's own earlier writes, so the handler sees the result it would see today (false for a
/// stale version, a mapping it just wrote on the next read); the commit writes them, with the audit rows, in the
/// batch's one transaction. An item's writes stay its own: an item whose lease was lost has none of them committed.</summary>
internal sealed class QueueBatchItem(QueueBatchScope batch, SyncQueueItem item)
{
    private static readonly AsyncLocal<QueueBatchItem?> Ambient = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid User, Guid Event), MappingWrite> _mappings = [];
    private readonly List<(AuditEntry Entry, bool AfterMappingWrite)> _audits = [];

    /// <summary>The outbound item whose handler is running on this async flow, if any.</summary>
    public static QueueBatchItem? Current => Ambient.Value;

    public QueueBatchScope Batch { get; } = batch;

    public SyncQueueItem Item { get; } = item;

    /// <summary>Makes this item <see cref="Current"/> for the calling async flow until disposed.</summary>
    public IDisposable Enter()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Exit(previous);
    }

    /// <summary>The mapping this item would read now; false when the key is neither written by the item nor loaded.</summary>
    public bool TryGetMapping(Guid userId, Guid financialEventId, out CalendarSyncMapping? mapping)
    {
        lock (_gate)
        {
            if (_mappings.TryGetValue((userId, financialEventId), out var write))
            {
                mapping = write.Final;
                return true;
            }
        }

        return Batch.Snapshot.TryGetMapping(userId, financialEventId, out mapping);
    }

    /// <summary>A mapping this item wrote that points at the Google event, if any (null when none, or when the
    /// item wrote the key of <paramref name="found"/> away from it).</summary>
    public CalendarSyncMapping? ResolveByGoogleId(Guid userId, string calendarId, string googleEventId, CalendarSyncMapping? found)
    {
        lock (_gate)
        {
            var written = _mappings.Values.Select(w => w.Final).FirstOrDefault(m => m is not null && m.UserId == userId
                && m.GoogleCalendarId == calendarId && m.GoogleEventId == googleEventId);
            if (written is not null) return written;
            return found is not null && _mappings.ContainsKey((found.UserId, found.FinancialEventId)) ? null : found;
        }
    }

    /// <summary>The store's UpsertAsync, buffered: same answer (false when a row exists for an insert or the version is
    /// not <paramref name="expectedVersion"/>); null when the key was not loaded (the caller writes directly).</summary>
    public bool? TryUpsertMapping(CalendarSyncMapping mapping, long? expectedVersion)
    {
        var key = (mapping.UserId, mapping.FinancialEventId);
        lock (_gate)
        {
            var written = _mappings.TryGetValue(key, out var write);
            if (!written && !Batch.Snapshot.TryGetMapping(key.UserId, key.FinancialEventId, out _)) return null;
            Batch.Snapshot.TryGetMapping(key.UserId, key.FinancialEventId, out var loaded);
            write ??= new MappingWrite(key.UserId, key.FinancialEventId, loaded?.Version, false, loaded);
            var current = write.Final;
            if (expectedVersion is null ? current is not null : current?.Version != expectedVersion) return false;
            _mappings[key] = write with { Final = mapping with { Version = (expectedVersion ?? 0) + 1 } };
            return true;
        }
    }

    /// <summary>The store's DeleteAsync, buffered; false when the key was not loaded (the caller deletes directly).</summary>
    public bool TryDeleteMapping(Guid userId, Guid financialEventId)
    {
        var key = (userId, financialEventId);
        lock (_gate)
        {
            if (!_mappings.TryGetValue(key, out var write))
            {
                if (!Batch.Snapshot.TryGetMapping(userId, financialEventId, out var loaded)) return false;
                write = new MappingWrite(userId, financialEventId, loaded?.Version, false, loaded);
            }

            _mappings[key] = write with { DeleteFirst = true, Final = null };
            return true;
        }
    }

    /// <summary>Buffers an audit row (its CreatedAt already set by the caller).</summary>
    public void Audit(AuditEntry entry)
    {
        lock (_gate)
        {
            _audits.Add((entry, _mappings.Count > 0));
        }
    }

    public IReadOnlyList<MappingWrite> MappingWrites()
    {
        lock (_gate) return [.. _mappings.Values];
    }

    /// <summary>The audit rows to commit: all of them, or, when the item's mapping write lost its optimistic lock at the
    /// commit, only those written before its first mapping write (what the item had recorded when, unbatched, the
    /// write would have thrown).</summary>
    public IReadOnlyList<AuditEntry> Audits(bool mappingWriteLost)
    {
        lock (_gate) return [.. _audits.Where(a => !mappingWriteLost || !a.AfterMappingWrite).Select(a => a.Entry)];
    }

    private sealed class Exit(QueueBatchItem? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
