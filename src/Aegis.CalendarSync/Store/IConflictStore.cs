using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

public interface IConflictStore
{
    Task<long> AddAsync(SyncConflict conflict, CancellationToken ct);
    Task<IReadOnlyList<SyncConflict>> ListOpenAsync(Guid userId, CancellationToken ct);
    Task<SyncConflict?> GetAsync(Guid userId, long id, CancellationToken ct);
    /// <summary>Only an open conflict can be resolved, once; <paramref name="status"/> is a resolved status.</summary>
    Task<bool> MarkResolvedAsync(Guid userId, long id, ConflictStatus status, DateTimeOffset at, CancellationToken ct);
}
