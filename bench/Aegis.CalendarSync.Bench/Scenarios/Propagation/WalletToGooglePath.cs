using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Bench.Scenarios.Propagation;

/// <summary>The wallet app renames the event (a store update, as the app writes it; the trigger enqueues an upsert
/// and the store signals the queue processor: in-process on SQLite, NOTIFY on PostgreSQL), which updates the Google
/// event. Watched through the Calendar API (events.get) with a token of its own. Google's echo push of that update
/// then costs the server one more (empty) incremental sync, which finishes before the next change is made.</summary>
public sealed class WalletToGooglePath : IPropagationPath
{
    public string Name => "propagation-wallet-to-google";

    public string Description => "Title edited in the wallet store until the emulator's Calendar API returns it (real server: trigger -> queue signal -> events.update; emulator polled every 5 ms)";

    public int QueueItemsPerChange => 2;

    public async Task ChangeTitleAsync(ServerHarness server, FinancialEvent target, string title, CancellationToken ct)
    {
        var current = await server.EventStore.GetAsync(server.UserId, target.Id, ct)
            ?? throw new BenchmarkInvalidException($"Event {target.Id} vanished.");
        if (!await server.EventStore.UpdateAsync(current with { Title = title, SyncSource = SyncSource.Aegis }, ct))
        {
            throw new BenchmarkInvalidException($"Event {target.Id} could not be updated.");
        }
    }

    public async Task<bool> ShowsTitleAsync(ServerHarness server, FinancialEvent target, string title, CancellationToken ct) =>
        await server.GoogleReader.GetSummaryAsync(GoogleEventId.FromFinancialEventId(target.Id), ct)
            == SummaryFormat.Format(title, target.EventType, target.Amount, target.Currency);

    public long OwnApiCalls(ServerHarness server) => server.GoogleReader.Calls;
}
