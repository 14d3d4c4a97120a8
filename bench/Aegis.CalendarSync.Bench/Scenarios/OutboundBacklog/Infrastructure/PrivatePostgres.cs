using System.Globalization;
using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Testing.Network;
using Npgsql;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;

/// <summary>A PostgreSQL cluster of the bench's own (initdb in a temp folder, a free loopback port, trust
/// authentication on loopback only), with <c>pg_stat_statements</c> preloaded: the shared server other jobs use is
/// never restarted, and every process of this cluster works for one variant only, so the CPU of all of them is that
/// variant's database cost. Settings that shape commit cost (<c>fsync</c>, <c>synchronous_commit</c>, WAL on the same
/// disk) are PostgreSQL's defaults, as on the shared server; <c>shared_buffers</c> and <c>max_connections</c> are the
/// shared server's (128MB, 100). Run as root, the cluster belongs to the <c>postgres</c> system user (initdb refuses root).</summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    /// <summary>The role the product's server connects as; the bench itself connects as <c>postgres</c>, so
    /// <c>pg_stat_statements</c> rows of <see cref="ServerRole"/> are the server's statements only.</summary>
    public const string ServerRole = "aegis";

    public const string Database = "aegis_bench";

    private const string Version = "15";
    private static readonly string BinDirectory = Environment.GetEnvironmentVariable("AEGIS_BENCH_PG_BIN") ?? $"/usr/lib/postgresql/{Version}/bin";
    private readonly DirectoryInfo _root;
    private readonly string _data;

    private PrivatePostgres(DirectoryInfo root, int port)
    {
        _root = root;
        _data = Path.Combine(root.FullName, "data");
        Port = port;
    }

    public int Port { get; }

    /// <summary>The postmaster; its children are every other process of the cluster (backends, WAL writer, checkpointer,
    /// autovacuum), and its cutime/cstime hold the CPU of children that already exited.</summary>
    public int PostmasterPid { get; private set; }

    /// <summary>For the server: the bench database as <see cref="ServerRole"/>, store defaults otherwise.</summary>
    public string ServerConnectionString => Connection(Database, ServerRole);

    /// <summary>For the bench's writes and polls on the bench database (as <c>postgres</c>).</summary>
    public string BenchConnectionString => Connection(Database, "postgres");

    /// <summary>For reading statistics views without touching the bench database's own counters.</summary>
    public string AdminConnectionString => Connection("postgres", "postgres");

    public static async Task<PrivatePostgres> StartAsync(CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("aegis-bench-pg-");
        var cluster = new PrivatePostgres(root, FreePort.Next());
        try
        {
            await cluster.InitAndStartAsync(ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_data, "postmaster.pid")))
        {
            try
            {
                await Tool("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }
            catch (BenchmarkInvalidException e)
            {
                await Console.Error.WriteLineAsync($"private PostgreSQL on port {Port} did not stop: {e.Message}");
            }
        }

        var log = Path.Combine(_root.FullName, "server.log");
        if (File.Exists(log))
        {
            var kept = Path.Combine(Path.GetTempPath(), $"aegis-bench-postgres-{Port}.log");
            File.Copy(log, kept, overwrite: true);
            await Console.Error.WriteLineAsync($"private PostgreSQL on port {Port}: log kept at {kept}");
        }

        _root.Delete(recursive: true);
    }

    private async Task InitAndStartAsync(CancellationToken ct)
    {
        if (RunsAsRoot)
        {
            await ExternalCommand.RunAsync("chown", ["postgres:postgres", _root.FullName], ct);
        }

        await Tool("initdb", ["-D", _data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], ct);
        var settings = string.Join(' ',
            $"-c port={Port}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={_root.FullName}",
            "-c shared_preload_libraries=pg_stat_statements,auto_explain",
            // Evidence for a slow round: the plan of any statement slower than 200 ms, and every autovacuum run.
            "-c auto_explain.log_min_duration=200ms",
            "-c log_autovacuum_min_duration=0",
            "-c pg_stat_statements.track=top",
            "-c pg_stat_statements.max=10000",
            "-c shared_buffers=128MB",
            "-c max_connections=100");
        await Tool("pg_ctl", ["-D", _data, "-l", Path.Combine(_root.FullName, "server.log"), "-o", settings, "-w", "start"], ct);
        PostmasterPid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(_data, "postmaster.pid"), ct))[0], CultureInfo.InvariantCulture);

        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync(ct);
        foreach (var sql in new[]
        {
            $"CREATE ROLE {ServerRole} LOGIN",
            $"CREATE DATABASE {Database} OWNER {ServerRole}",
            "CREATE EXTENSION pg_stat_statements",
        })
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private string Connection(string database, string user) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = user,
    }.ConnectionString;

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static Task<string> Tool(string name, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var path = Path.Combine(BinDirectory, name);
        return RunsAsRoot
            ? ExternalCommand.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], ct, workingDirectory: "/tmp")
            : ExternalCommand.RunAsync(path, arguments, ct);
    }
}
