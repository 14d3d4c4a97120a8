using System.Data.Common;
using Aegis.CalendarSync.Store.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Testing.Databases;

/// <summary>Wraps the store's connection factory and counts, exactly, what the engine sends to the database: SQL
/// statements (each statement of a multi-statement command), commands (round trips), connections opened, explicit
/// commits, and statements run outside a transaction (each its own implicit commit, as PostgreSQL's xact_commit
/// counts them). A test reads <see cref="Snapshot"/> before and after the work it measures.</summary>
public sealed class CountingConnectionFactory(IDbConnectionFactory inner) : IDbConnectionFactory
{
    private readonly Lock _gate = new();
    private readonly List<string> _statements = [];
    private long _commands;
    private long _connections;
    private long _commits;
    private long _autocommits;

    /// <summary>Replaces the registered <see cref="IDbConnectionFactory"/> with a counting wrapper of it (resolve it as
    /// <see cref="CountingConnectionFactory"/>).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(IDbConnectionFactory));
        services.Remove(descriptor);
        services.AddSingleton(sp => new CountingConnectionFactory(descriptor.ImplementationFactory is { } create
            ? (IDbConnectionFactory)create(sp)
            : descriptor.ImplementationInstance as IDbConnectionFactory ?? (IDbConnectionFactory)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!)));
        services.AddSingleton<IDbConnectionFactory>(sp => sp.GetRequiredService<CountingConnectionFactory>());
    }

    public DbCounts Snapshot()
    {
        lock (_gate) return new DbCounts(_statements.Count, _commands, _connections, _commits, _autocommits, [.. _statements]);
    }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await inner.OpenAsync(ct).ConfigureAwait(false);
        Interlocked.Increment(ref _connections);
        return new CountingConnection(connection, this);
    }

    internal void Executed(string sql, bool inTransaction)
    {
        var statements = SplitStatements(sql);
        lock (_gate)
        {
            _commands++;
            _statements.AddRange(statements);
            if (!inTransaction) _autocommits++;
        }
    }

    internal void Committed() => Interlocked.Increment(ref _commits);

    /// <summary>The statements of a command text: split at semicolons outside quotes, empty pieces dropped.</summary>
    public static IReadOnlyList<string> SplitStatements(string sql)
    {
        var result = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] == '\'') quoted = !quoted;
            else if (sql[i] == ';' && !quoted)
            {
                result.Add(sql[start..i]);
                start = i + 1;
            }
        }

        result.Add(sql[start..]);
        return [.. result.Select(s => s.Trim()).Where(s => s.Length > 0)];
    }
}

/// <summary>Counts of a <see cref="CountingConnectionFactory"/>; subtract two to measure a piece of work.</summary>
public sealed record DbCounts(long Statements, long Commands, long Connections, long Commits, long Autocommits, IReadOnlyList<string> StatementTexts)
{
    /// <summary>Transactions committed: explicit commits plus statements that ran outside a transaction.</summary>
    public long Transactions => Commits + Autocommits;

    public static DbCounts operator -(DbCounts after, DbCounts before) => new(
        after.Statements - before.Statements, after.Commands - before.Commands, after.Connections - before.Connections,
        after.Commits - before.Commits, after.Autocommits - before.Autocommits,
        [.. after.StatementTexts.Skip(before.StatementTexts.Count)]);
}
