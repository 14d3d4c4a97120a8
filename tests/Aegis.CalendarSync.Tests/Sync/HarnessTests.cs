using Aegis.CalendarSync.Connection;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>A fresh <see cref="SyncHarness"/> (engine + real database + emulator over HTTP) per test, on the test
/// class's database fixture: the lifecycle the end-to-end sync suites share.</summary>
public abstract class HarnessTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>The class's database fixture, for a test that starts a harness of its own.</summary>
    protected TDatabase Database => database;

    protected SyncHarness H { get; private set; } = null!;

    protected IGoogleConnectionService Connection => H.Services.GetRequiredService<IGoogleConnectionService>();

    public async Task InitializeAsync() => H = await SyncHarness.StartAsync(database);

    public async Task DisposeAsync() => await H.DisposeAsync();
}
