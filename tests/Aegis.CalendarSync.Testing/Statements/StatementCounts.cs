namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>Counts of a <see cref="StatementCounter"/> at one moment, or between two (<c>after - before</c>): equal
/// when every count and every statement text is equal, so <c>Assert.Equal(StatementCounts.None, after - before)</c>
/// asserts that nothing reached the database.</summary>
public sealed record StatementCounts(
    long Statements, long Commands, long Connections, long Commits, long Autocommits, long Writes, IReadOnlyList<string> StatementTexts)
{
    /// <summary>No statement, command, connection or commit.</summary>
    public static StatementCounts None { get; } = new(0, 0, 0, 0, 0, 0, []);

    /// <summary>Transactions committed: explicit commits plus commands that ran outside a transaction.</summary>
    public long Transactions => Commits + Autocommits;

    public static StatementCounts operator -(StatementCounts after, StatementCounts before) => new(
        after.Statements - before.Statements, after.Commands - before.Commands, after.Connections - before.Connections,
        after.Commits - before.Commits, after.Autocommits - before.Autocommits, after.Writes - before.Writes,
        [.. after.StatementTexts.Skip(before.StatementTexts.Count)]);

    public bool Equals(StatementCounts? other) =>
        other is not null && (Statements, Commands, Connections, Commits, Autocommits, Writes)
            == (other.Statements, other.Commands, other.Connections, other.Commits, other.Autocommits, other.Writes)
        && StatementTexts.SequenceEqual(other.StatementTexts);

    public override int GetHashCode() => HashCode.Combine(Statements, Commands, Connections, Commits, Autocommits, Writes);

    public override string ToString() =>
        $"{Statements} statements ({Writes} writes) in {Commands} commands on {Connections} connections, {Commits} commits + {Autocommits} autocommits";
}
