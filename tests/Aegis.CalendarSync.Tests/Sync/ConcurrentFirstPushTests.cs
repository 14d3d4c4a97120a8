using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Testing.Engine;
using Aegis.CalendarSync.Tests.Store;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Two writers of the engine push the same new wallet event at once: its queued push, and a full sync pushing
/// the wallet events Google does not hold yet (the first sync after Start). The second insert under the event's id gets
/// 409. Seen in the server's end-to-end test: the push that lost the race read Google's copy, found it different (a
/// person had edited it in between) and wrote the wallet's version over it, so the person's edit was lost on both sides.
/// The interleaving is forced with <see cref="GoogleCallGate"/> (no sleeps). Subclassed once per engine.</summary>
public abstract class ConcurrentFirstPushTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly string Corrected = SummaryFormat.Format("Water bill (corrected)", EventType.Bill, 31.5m, "EUR");

    /// <summary>A connected wallet with one new bill not pushed yet, and a gate on the engine's event inserts.</summary>
    private async Task<(SyncHarness H, GoogleCallGate Inserts, FinancialEvent Water)> StartWithNewBillAsync()
    {
        var inserts = new GoogleCallGate("/events", HttpMethod.Post);
        var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions { ConfigureServices = inserts.AddTo });
        await h.ConnectAsync();
        return (h, inserts, await h.CreateEventAsync("Water bill", amount: 31.5m));
    }

    private static Task CorrectInGoogleAsync(SyncHarness h, FinancialEvent water) =>
        h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", GoogleEventId.FromFinancialEventId(water.Id), new { summary = Corrected });

    /// <summary>Google still holds the person's correction; after the queue and a sync, the wallet holds it too, and
    /// Google holds the bill once.</summary>
    private static async Task AssertTheCorrectionIsKeptOnBothSidesAsync(SyncHarness h, FinancialEvent water)
    {
        Assert.Equal(Corrected, (await h.GetRemoteAsync(water.Id)).Summary);
        await h.DrainQueueAsync();
        await h.Sync.IncrementalSyncAsync(h.UserId, Ct);
        await h.DrainQueueAsync();
        Assert.Equal(Corrected, (await h.GetRemoteAsync(water.Id)).Summary);
        Assert.Equal("Water bill (corrected)", (await h.Events.GetAsync(h.UserId, water.Id, Ct))!.Title);
        Assert.Single(await h.ListRemoteAsync(), e => !e.IsCancelled);
    }

    [Fact]
    public async Task A_push_that_finds_the_event_inserted_by_a_concurrent_full_sync_never_overwrites_a_google_edit_made_meanwhile()
    {
        var (h, inserts, water) = await StartWithNewBillAsync();
        await using var harness = h;

        // Step 1: the queued push reads "no mapping" and sends its insert, held on the way to Google.
        inserts.Arm();
        var push = h.Sync.SyncToGoogleAsync(h.UserId, water.Id, Ct);
        await inserts.FirstHeld.WaitAsync(TimeSpan.FromSeconds(30));
        // Step 2: a full sync lists Google (the event is not there yet) and pushes it: inserted, mapping saved.
        await h.Sync.FullSyncAsync(h.UserId, Ct);
        Assert.NotNull(await h.Mappings.GetByEventAsync(h.UserId, water.Id, Ct));
        // Step 3: a person corrects the title in Google.
        await CorrectInGoogleAsync(h, water);
        // Step 4: the held insert goes on and gets 409.
        inserts.Release();
        await Assert.ThrowsAsync<MappingConflictException>(() => push);

        // The retry sees the full sync's mapping: the wallet holds what it pushed, so nothing is written; the person's
        // edit reaches the wallet with the next sync.
        await AssertTheCorrectionIsKeptOnBothSidesAsync(h, water);
    }

    [Fact]
    public async Task A_full_sync_whose_push_finds_the_event_linked_by_its_queued_push_leaves_it_and_finishes()
    {
        var (h, inserts, water) = await StartWithNewBillAsync();
        await using var harness = h;

        // Step 1: a full sync lists Google (the event is not there) and sends its insert, held on the way to Google.
        inserts.Arm();
        var fullSync = h.Sync.FullSyncAsync(h.UserId, Ct);
        await inserts.FirstHeld.WaitAsync(TimeSpan.FromSeconds(30));
        // Step 2: the event's queued push inserts it and links it; step 3: a person corrects the title in Google.
        await h.Sync.SyncToGoogleAsync(h.UserId, water.Id, Ct);
        await CorrectInGoogleAsync(h, water);
        // Step 4: the full sync's insert goes on and gets 409: the event is the push's now, the full sync completes.
        inserts.Release();
        await fullSync;

        await AssertTheCorrectionIsKeptOnBothSidesAsync(h, water);
    }
}

public sealed class SqliteConcurrentFirstPushTests(SqliteTestDatabase database) : ConcurrentFirstPushTests<SqliteTestDatabase>(database);

public sealed class PostgresConcurrentFirstPushTests(PostgresTestDatabase database) : ConcurrentFirstPushTests<PostgresTestDatabase>(database);
