using System.Data.Common;
using Npgsql;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>Pooled PostgreSQL connections from one <see cref="NpgsqlDataSource"/>.</summary>
internal sealed class PostgresConnectionFactory(string connectionString) : IDbConnectionFactory, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string ConnectionString { get; } = connectionString;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct) =>
        await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
