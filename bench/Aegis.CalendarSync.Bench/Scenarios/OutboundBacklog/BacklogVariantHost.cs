using System.Globalization;
using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;
using Aegis.CalendarSync.Testing;
using Aegis.CalendarSync.Testing.Network;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>Everything one variant runs on, for the whole run: its own PostgreSQL cluster (so all of that cluster's
/// CPU is this variant's), its own emulator (so its request log holds this variant's calls only), its server process,
/// and <see cref="Users"/> accounts signed up and connected through the server's public API, each to its own Google
/// account. Started once; trials then add backlogs to it.</summary>
public sealed class BacklogVariantHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private DirectoryInfo? _dataDirectory;

    private BacklogVariantHost(BacklogVariant variant) => Variant = variant;

    public BacklogVariant Variant { get; }

    public PrivatePostgres Cluster { get; private set; } = null!;

    public EmulatorHost Emulator { get; private set; } = null!;

    public EmulatorAdminClient EmulatorAdmin { get; private set; } = null!;

    public ServerProcessHost Server { get; private set; } = null!;

    public BacklogDatabase Database { get; private set; } = null!;

    public int Users { get; private set; }

    /// <summary>The commit counters as the last trial's settled reading left them (null before the first trial).</summary>
    public TransactionMark? SettledTransactions { get; set; }

    public static async Task<BacklogVariantHost> StartAsync(BacklogVariant variant, int users, TextWriter progress, CancellationToken ct)
    {
        var host = new BacklogVariantHost(variant);
        try
        {
            await host.StartCoreAsync(users, progress, ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        _dataDirectory?.Delete(recursive: true);
    }

    private async Task StartCoreAsync(int users, TextWriter progress, CancellationToken ct)
    {
        Cluster = Own(await PrivatePostgres.StartAsync(ct));
        Emulator = Own(await BenchEmulator.StartAsync(AccountEmail(0), ct));
        EmulatorAdmin = new EmulatorAdminClient(new HttpClient(), Emulator.BaseUri);
        _dataDirectory = Directory.CreateTempSubdirectory("aegis-bench-server-");
        var baseUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        Server = Own(await ServerProcessHost.StartAsync(Variant.ServerDll, baseUri,
            BacklogServerEnvironment.For(baseUri, Emulator, Cluster, _dataDirectory.FullName, Variant.Settings), ct));
        progress.WriteLine($"[outbound-backlog] {Variant.Label}: server pid {Server.Pid} on {baseUri}, PostgreSQL on port {Cluster.Port}; connecting {users} users");
        var password = TestSecrets.Password();
        for (var i = 0; i < users; i++)
        {
            await ServerAccounts.SignUpAndConnectAsync(Server.BaseUri, AccountEmail(i), password, ct);
        }

        Users = users;
        Database = Own(await BacklogDatabase.OpenAsync(Cluster, ct));
        // Each connection enqueued an initial full sync (of an empty calendar); wait for them before any trial.
        await BacklogDrain.WaitUntilQuietAsync(this, users, ct);
    }

    /// <summary>Wallet and Google account of user <paramref name="index"/>: sorting by email keeps the order.</summary>
    private static string AccountEmail(int index) => $"bench.backlog.{index.ToString("D3", CultureInfo.InvariantCulture)}@example.com";

    private T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }
}
