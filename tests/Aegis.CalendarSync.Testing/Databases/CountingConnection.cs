using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Aegis.CalendarSync.Testing.Databases;

/// <summary>A connection that reports its commands and commits to a <see cref="CountingConnectionFactory"/>.</summary>
internal sealed class CountingConnection(DbConnection inner, CountingConnectionFactory counts) : DbConnection
{
    public DbConnection Inner { get; } = inner;

    [AllowNull]
    public override string ConnectionString { get => Inner.ConnectionString; set => Inner.ConnectionString = value; }
    public override string Database => Inner.Database;
    public override string DataSource => Inner.DataSource;
    public override string ServerVersion => Inner.ServerVersion;
    public override ConnectionState State => Inner.State;

    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);
    public override void Close() => Inner.Close();
    public override void Open() => Inner.Open();
    public override Task OpenAsync(CancellationToken cancellationToken) => Inner.OpenAsync(cancellationToken);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        new CountingTransaction(this, Inner.BeginTransaction(isolationLevel), counts);

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        new CountingTransaction(this, await Inner.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false), counts);

    protected override DbCommand CreateDbCommand() => new CountingCommand(this, Inner.CreateCommand(), counts);

    protected override void Dispose(bool disposing)
    {
        if (disposing) Inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => Inner.DisposeAsync();
}

internal sealed class CountingTransaction(CountingConnection connection, DbTransaction inner, CountingConnectionFactory counts) : DbTransaction
{
    public DbTransaction Inner { get; } = inner;
    public override IsolationLevel IsolationLevel => Inner.IsolationLevel;
    protected override DbConnection DbConnection => connection;

    public override void Commit()
    {
        Inner.Commit();
        counts.Committed();
    }

    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Inner.CommitAsync(cancellationToken).ConfigureAwait(false);
        counts.Committed();
    }

    public override void Rollback() => Inner.Rollback();
    public override Task RollbackAsync(CancellationToken cancellationToken = default) => Inner.RollbackAsync(cancellationToken);
    public override Task RollbackAsync(string savepointName, CancellationToken cancellationToken = default) => Inner.RollbackAsync(savepointName, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing) Inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => Inner.DisposeAsync();
}

internal sealed class CountingCommand(CountingConnection connection, DbCommand inner, CountingConnectionFactory counts) : DbCommand
{
    private CountingConnection? _connection = connection;
    private CountingTransaction? _transaction;

    [AllowNull]
    public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }
    public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }
    public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }
    public override bool DesignTimeVisible { get => inner.DesignTimeVisible; set => inner.DesignTimeVisible = value; }
    public override UpdateRowSource UpdatedRowSource { get => inner.UpdatedRowSource; set => inner.UpdatedRowSource = value; }
    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            _connection = (CountingConnection?)value;
            inner.Connection = _connection?.Inner;
        }
    }

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set
        {
            _transaction = (CountingTransaction?)value;
            inner.Transaction = _transaction?.Inner;
        }
    }

    public override void Cancel() => inner.Cancel();
    public override void Prepare() => inner.Prepare();
    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    public override int ExecuteNonQuery()
    {
        Count();
        return inner.ExecuteNonQuery();
    }

    public override object? ExecuteScalar()
    {
        Count();
        return inner.ExecuteScalar();
    }

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        Count();
        return inner.ExecuteNonQueryAsync(cancellationToken);
    }

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        Count();
        return inner.ExecuteScalarAsync(cancellationToken);
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        Count();
        return inner.ExecuteReader(behavior);
    }

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        Count();
        return inner.ExecuteReaderAsync(behavior, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    private void Count() => counts.Executed(inner.CommandText, inner.Transaction is not null);
}
