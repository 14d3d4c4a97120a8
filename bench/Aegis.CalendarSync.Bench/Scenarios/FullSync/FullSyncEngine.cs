using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Statements;

namespace Aegis.CalendarSync.Bench.Scenarios.FullSync;

/// <summary>One engine for the full-sync scenario: a user connected with a calendar marked for import, N events a
/// person created in Google (bulk admin requests, <see cref="PersonEvents"/>), imported by one untimed full sync, and a statement
/// counter on every connection the engine opens.</summary>
internal sealed class FullSyncEngine(SyncHarness harness, StatementCounter statements, int events) : IAsyncDisposable
{
    public SyncHarness Harness => harness;

    public StatementCounter Statements => statements;

    public int Events => events;

    public static async Task<FullSyncEngine> StartAsync(TestDatabase database, int events, CancellationToken ct)
    {
        var statements = new StatementCounter();
        var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            GoogleRequestsPerMinute = BenchRateLimits.EmulatorPerMinute,
            Settings = BenchRateLimits.ClientSettings(),
            OwnsDatabase = true,
            Statements = statements,
        }, ct);
        try
        {
            await h.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: true, ct);
            await h.DrainCleanlyAsync(ct);
            await PersonEvents.CreateAsync(h.Admin, SyncHarness.Email, "primary", events, ct);
            var started = DateTimeOffset.UtcNow;
            await h.Sync.FullSyncAsync(h.UserId, ct);
            var imported = (await h.Events.ListAsync(h.UserId, new EventQuery(Limit: events + 1), ct)).Count;
            if (imported != events)
            {
                throw new BenchmarkInvalidException($"{h.StoreProvider}: {imported} of {events} events were imported.");
            }

            Console.Error.WriteLine($"[full-sync] {h.StoreProvider}: {events:N0} events imported by the first full sync in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s");
            return new FullSyncEngine(h, statements, events);
        }
        catch
        {
            await h.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => harness.DisposeAsync();
}
