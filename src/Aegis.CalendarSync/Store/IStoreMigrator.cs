namespace Aegis.CalendarSync.Store;

/// <summary>Brings the database schema to the latest embedded migration. Safe to call from several processes at
/// once and on every start: applied migrations are skipped, each one runs in its own transaction.</summary>
public interface IStoreMigrator
{
    Task MigrateAsync(CancellationToken ct);

    /// <summary>Versions of the registered migrations not recorded as applied (all of them on an empty database), in
    /// order; reads only.</summary>
    Task<IReadOnlyList<int>> ListPendingAsync(CancellationToken ct);
}
