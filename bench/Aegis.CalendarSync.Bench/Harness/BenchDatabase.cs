namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>A database created for one benchmark run and destroyed when disposed, so runs never see each other's rows.</summary>
public abstract class BenchDatabase : IAsyncDisposable
{
    /// <summary>Value of Store:Provider.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();

    /// <summary>Store configuration keys for this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> StoreSettings() =>
    [
        new("Store:Provider", Provider),
        new("Store:ConnectionString", ConnectionString),
    ];
}
