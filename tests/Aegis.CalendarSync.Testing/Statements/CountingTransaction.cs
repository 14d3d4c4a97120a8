using System.Data;
using System.Data.Common;

namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>Forwards to the engine's transaction; reports each commit that succeeded.</summary>
internal sealed class CountingTransaction(CountingConnection connection, DbTransaction inner, StatementCounter counter) : DbTransaction
{
    internal DbTransaction Inner => inner;

    public override IsolationLevel IsolationLevel => inner.IsolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit()
    {
        inner.Commit();
        counter.Committed();
    }

    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await inner.CommitAsync(cancellationToken).ConfigureAwait(false);
        counter.Committed();
    }

    public override void Rollback() => inner.Rollback();

    public override Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

    public override Task RollbackAsync(string savepointName, CancellationToken cancellationToken = default) =>
        inner.RollbackAsync(savepointName, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
