namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>Counts, exactly, what the engine sends to the database through a <see cref="CountingConnectionFactory"/>:
/// SQL statements (each statement of a multi-statement command, see <see cref="SqlStatements.Split"/>) with their
/// texts, of which writes (statements starting with INSERT, UPDATE or DELETE), commands (round trips), connections
/// opened, explicit commits, and commands run outside a transaction (each its own implicit commit, as PostgreSQL's
/// xact_commit counts them). Thread-safe; a test takes a <see cref="Snapshot"/> before and after the work it measures
/// and subtracts them.</summary>
public sealed class StatementCounter
{
    private readonly Lock _gate = new();
    private readonly List<string> _statements = [];
    private long _writes;
    private long _commands;
    private long _connections;
    private long _commits;
    private long _autocommits;

    public StatementCounts Snapshot()
    {
        lock (_gate) return new StatementCounts(_statements.Count, _commands, _connections, _commits, _autocommits, _writes, [.. _statements]);
    }

    internal void Executed(string? sql, bool inTransaction)
    {
        var statements = SqlStatements.Split(sql ?? "");
        var writes = statements.Count(SqlStatements.IsWrite);
        lock (_gate)
        {
            _commands++;
            _statements.AddRange(statements);
            _writes += writes;
            if (!inTransaction) _autocommits++;
        }
    }

    internal void Committed()
    {
        lock (_gate) _commits++;
    }

    internal void Opened()
    {
        lock (_gate) _connections++;
    }
}
