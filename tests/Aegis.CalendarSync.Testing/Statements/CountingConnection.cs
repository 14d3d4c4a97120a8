using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>Forwards everything to the engine's connection; its commands and transactions report to the counter.</summary>
internal sealed class CountingConnection(DbConnection inner, StatementCounter counter) : DbConnection
{
    internal DbConnection Inner => inner;

    [AllowNull]
    public override string ConnectionString { get => inner.ConnectionString; set => inner.ConnectionString = value; }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Close() => inner.Close();

    public override void Open() => inner.Open();

    public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        new CountingTransaction(this, inner.BeginTransaction(isolationLevel), counter);

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        new CountingTransaction(this, await inner.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false), counter);

    protected override DbCommand CreateDbCommand() => new CountingCommand(this, inner.CreateCommand(), counter);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
