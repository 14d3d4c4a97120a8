using System.Text.Json.Nodes;
using Aegis.CalendarSync.Bench.Harness;
using GoogleCalendarEmulator.Admin;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Statements;

namespace Aegis.CalendarSync.Bench.Scenarios.FullSync;

/// <summary>One engine for the full-sync scenario: a user connected with a calendar marked for import, N events a
/// person created in Google (bulk admin requests, <see cref="PersonEvents"/>), imported by one untimed full sync, and a statement
/// counter on every connection the engine opens.</summary>
internal sealed class FullSyncEngine(SyncHarness harness, StatementCounter statements, IReadOnlyList<string> googleIds) : IAsyncDisposable
{
    public SyncHarness Harness => harness;

    public StatementCounter Statements => statements;

    public int Events => googleIds.Count;

    /// <summary>A person renames every event in Google ("Bill {i} (trial {trial})", bulk admin requests of
    /// <see cref="PersonEvents.Chunk"/>); returns the title suffix.</summary>
    public async Task<string> RenameAllAsync(int trial, CancellationToken ct)
    {
        var suffix = $" (trial {trial})";
        for (var first = 0; first < googleIds.Count; first += PersonEvents.Chunk)
        {
            var patches = googleIds.Skip(first).Take(PersonEvents.Chunk)
                .Select((id, i) => new EventPatchItem(id, new JsonObject { ["summary"] = $"Bill {first + i}{suffix}" })).ToList();
            await harness.Admin.PatchEventsAsPersonAsync(SyncHarness.Email, "primary", patches, ct);
        }

        return suffix;
    }

    /// <summary>How many of the user's wallet events have a title ending in <paramref name="suffix"/>.</summary>
    public async Task<int> CountTitledAsync(string suffix, CancellationToken ct) =>
        (await harness.Events.ListAsync(harness.UserId, new EventQuery(Limit: Events + 1), ct)).Count(e => e.Title.EndsWith(suffix, StringComparison.Ordinal));

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
            var created = await PersonEvents.CreateAsync(h.Admin, SyncHarness.Email, "primary", events, ct);
            var started = DateTimeOffset.UtcNow;
            await h.Sync.FullSyncAsync(h.UserId, ct);
            var imported = (await h.Events.ListAsync(h.UserId, new EventQuery(Limit: events + 1), ct)).Count;
            if (imported != events)
            {
                throw new BenchmarkInvalidException($"{h.StoreProvider}: {imported} of {events} events were imported.");
            }

            Console.Error.WriteLine($"[full-sync] {h.StoreProvider}: {events:N0} events imported by the first full sync in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s");
            return new FullSyncEngine(h, statements, created);
        }
        catch
        {
            await h.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => harness.DisposeAsync();
}
