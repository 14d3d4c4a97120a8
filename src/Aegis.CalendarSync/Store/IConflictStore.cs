using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

public interface IConflictStore
{
    Task<long> AddAsync(SyncConflict conflict, CancellationToken ct);
    Task<IReadOnlyList<SyncConflict>> ListOpenAsync(Guid userId, CancellationToken ct);
    Task<SyncConflict?> GetAsync(Guid userId, long id, CancellationToken ct);
    Task<bool> MarkResolvedAsync(Guid userId, long id, string status, DateTimeOffset at, CancellationToken ct);
}
