namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>Counts what the store sends to the database through a <see cref="CountingConnectionFactory"/>: statements
/// executed (each command execution, whatever it runs), of which writes (text starting with INSERT, UPDATE or DELETE),
/// transactions committed and connections opened. Thread-safe;
/// <see cref="Snapshot"/> and <see cref="StatementCounts.Minus"/> give the counts of a region.</summary>
public sealed class StatementCounter
{
    private long _statements;
    private long _writes;
    private long _commits;
    private long _connections;

    public StatementCounts Snapshot() =>
        new(Interlocked.Read(ref _statements), Interlocked.Read(ref _commits), Interlocked.Read(ref _connections), Interlocked.Read(ref _writes));

    internal void Statement(string? text)
    {
        Interlocked.Increment(ref _statements);
        var verb = text.AsSpan().TrimStart();
        if (verb.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || verb.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || verb.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _writes);
        }
    }

    internal void Commit() => Interlocked.Increment(ref _commits);

    internal void Connection() => Interlocked.Increment(ref _connections);
}

/// <summary>Counts of a <see cref="StatementCounter"/> at one moment, or between two.</summary>
public sealed record StatementCounts(long Statements, long Commits, long Connections, long Writes = 0)
{
    public StatementCounts Minus(StatementCounts earlier) =>
        new(Statements - earlier.Statements, Commits - earlier.Commits, Connections - earlier.Connections, Writes - earlier.Writes);
}
