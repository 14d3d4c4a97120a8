using System.Data.Common;
using Npgsql;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>Pooled PostgreSQL connections from one <see cref="NpgsqlDataSource"/>, tuned for the store's many short
/// statements (<see cref="Tune"/>).</summary>
internal sealed class PostgresConnectionFactory(string connectionString) : IDbConnectionFactory, IAsyncDisposable, IDisposable
{
    /// <summary>Distinct statements kept prepared per physical connection: more than the store's statement texts, so
    /// every hot statement stays prepared.</summary>
    public const int DefaultMaxAutoPrepare = 128;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(Tune(connectionString));

    /// <summary>The connection string as the operator gave it.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>The operator's connection string plus what the store needs to be cheap per statement, each only when
    /// the operator did not set it: <c>No Reset On Close=true</c> (a connection returned to the pool is not reset with
    /// <c>DISCARD ALL</c>, a round trip per store call; the store leaves no session state behind: it sets no session
    /// variables and releases its one session lock, the migration lock, itself) and <c>Max Auto Prepare</c>
    /// (<see cref="DefaultMaxAutoPrepare"/>: a statement run 5 times on a connection is prepared there, so parse and plan
    /// happen once per connection instead of per call), and <c>jit=off</c> in <c>Options</c> unless the operator's
    /// options set <c>jit</c> themselves (PostgreSQL compiles a statement whose estimated cost passes
    /// <c>jit_above_cost</c>; the store's statements are short, and the claim at 100,000 queued rows paid 160-370 ms of
    /// compilation for 3-13 ms of execution). Explicit values, even <c>Max Auto Prepare=0</c>, win.</summary>
    public static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        if (builder.Options is not { } options || !options.Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? NoJit : $"{builder.Options} {NoJit}";
        }

        return builder.ConnectionString;
    }

    /// <summary>The session setting that turns PostgreSQL's JIT compilation off for the store's connections.</summary>
    private const string NoJit = "-c jit=off";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct) =>
        await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    /// <summary>Whether the connection string sets a keyword (either spelling, any case and spacing).</summary>
    private static bool Mentions(string connectionString, params string[] keywords)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return parsed.Keys.Cast<string>().Any(key => keywords.Any(k =>
            string.Equals(key.Replace(" ", "", StringComparison.Ordinal), k.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)));
    }
}
