using System.Data.Common;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>Opens a ready-to-use connection (engine pragmas applied). Callers dispose it.</summary>
public interface IDbConnectionFactory
{
    ValueTask<DbConnection> OpenAsync(CancellationToken ct);
}
