namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>Counts what the store sends to the database through a <see cref="CountingConnectionFactory"/>: statements
/// executed (each command execution, whatever it runs), transactions committed and connections opened. Thread-safe;
/// <see cref="Snapshot"/> and <see cref="StatementCounts.Minus"/> give the counts of a region.</summary>
public sealed class StatementCounter
{
    private long _statements;
    private long _commits;
    private long _connections;

    public StatementCounts Snapshot() =>
        new(Interlocked.Read(ref _statements), Interlocked.Read(ref _commits), Interlocked.Read(ref _connections));

    internal void Statement() => Interlocked.Increment(ref _statements);

    internal void Commit() => Interlocked.Increment(ref _commits);

    internal void Connection() => Interlocked.Increment(ref _connections);
}

/// <summary>Counts of a <see cref="StatementCounter"/> at one moment, or between two.</summary>
public sealed record StatementCounts(long Statements, long Commits, long Connections)
{
    public StatementCounts Minus(StatementCounts earlier) =>
        new(Statements - earlier.Statements, Commits - earlier.Commits, Connections - earlier.Connections);
}
