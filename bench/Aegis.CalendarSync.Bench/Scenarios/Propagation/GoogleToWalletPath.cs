using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Bench.Scenarios.Propagation;

/// <summary>A person renames the event in Google (emulator admin person API, so it is not our write); the emulator
/// pushes to the server's webhook, which enqueues an incremental sync and signals the queue processor, which lists
/// the change and writes the wallet row. Watched in the wallet store. The summary carries no icon or amount, so the
/// wallet title becomes the summary itself.</summary>
public sealed class GoogleToWalletPath : IPropagationPath
{
    public string Name => "propagation-google-to-wallet";

    public string Description => "Title edited by a person in Google until the wallet store shows it (real server: push -> webhook -> queue signal -> incremental sync; store polled every 5 ms)";

    public int QueueItemsPerChange => 1;

    public Task ChangeTitleAsync(ServerHarness server, FinancialEvent target, string title, CancellationToken ct) =>
        server.Admin.PatchEventAsPersonAsync(ServerHarness.Email, "primary", GoogleEventId.FromFinancialEventId(target.Id), new { summary = title }, ct);

    public async Task<bool> ShowsTitleAsync(ServerHarness server, FinancialEvent target, string title, CancellationToken ct) =>
        (await server.EventStore.GetAsync(server.UserId, target.Id, ct))?.Title == title;

    public long OwnApiCalls(ServerHarness server) => 0;
}
