using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>The shared <see cref="SyncHarness"/> as the benchmarks use it: quotas raised per
/// <see cref="BenchRateLimits"/>, one wallet user connected through the real OAuth flow before any measurement, and the
/// steps a trial measures or checks.</summary>
public static class BenchEngine
{
    /// <summary>Starts the engine on <paramref name="database"/> (which the harness then owns and drops) and connects
    /// one user, which enqueues and runs the initial full sync. <paramref name="settings"/> override the engine's configuration.</summary>
    public static async Task<SyncHarness> StartAsync(TestDatabase database, CancellationToken ct,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = BenchRateLimits.ClientSettings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var harness = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            GoogleRequestsPerMinute = BenchRateLimits.EmulatorPerMinute,
            Settings = configuration,
            OwnsDatabase = true,
        }, ct);
        try
        {
            await harness.ConnectAsync(ct: ct);
            await harness.DrainCleanlyAsync(ct);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public static Task<DrainResult> DrainCleanlyAsync(this SyncHarness h, CancellationToken ct) => CleanDrain.RunAsync(h.Services, ct);

    /// <summary>Inserts <paramref name="count"/> wallet events; the store's trigger enqueues one upsert each.</summary>
    public static async Task<IReadOnlyList<FinancialEvent>> CreateEventsAsync(this SyncHarness h, int count, CancellationToken ct)
    {
        var created = new List<FinancialEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var e = WalletEvents.New(h.UserId, i);
            await h.Events.InsertAsync(e, ct);
            created.Add(e);
        }

        return created;
    }

    /// <summary>Saves <paramref name="edit"/> of each event's current row as a wallet-side change.</summary>
    public static async Task SaveAsync(this SyncHarness h, IEnumerable<FinancialEvent> events, Func<FinancialEvent, FinancialEvent> edit, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var current = await h.Events.GetAsync(h.UserId, e.Id, ct) ?? throw new BenchmarkInvalidException($"Event {e.Id} vanished.");
            if (!await h.Events.UpdateAsync(edit(current) with { SyncSource = SyncSource.Aegis }, ct))
            {
                throw new BenchmarkInvalidException($"Event {e.Id} could not be updated.");
            }
        }
    }

    /// <summary>Current rows of <paramref name="events"/>, to count which ones a sync wrote.</summary>
    public static async Task<IReadOnlyList<FinancialEvent?>> ReadAsync(this SyncHarness h, IEnumerable<FinancialEvent> events, CancellationToken ct)
    {
        var rows = new List<FinancialEvent?>();
        foreach (var e in events)
        {
            rows.Add(await h.Events.GetAsync(h.UserId, e.Id, ct, includeDeleted: true));
        }

        return rows;
    }

    /// <summary>Changes Google holds after the stored sync token, i.e. what the next incremental sync will list.
    /// Reads without storing a new token, so the sync that follows sees the same changes.</summary>
    public static async Task<int> CountPendingChangesAsync(this SyncHarness h, CancellationToken ct)
    {
        var settings = await h.Services.GetRequiredService<ISettingsStore>().GetAsync(h.UserId, ct);
        var request = new ListEventsRequest { SyncToken = settings?.SyncToken ?? throw new BenchmarkInvalidException("No sync token stored."), MaxResults = 2500 };
        var count = 0;
        while (true)
        {
            var page = await h.Google.ListEventsAsync(h.Account, settings.CalendarId, request, ct);
            count += page.Items.Count;
            if (page.NextPageToken is not { } next)
            {
                return count;
            }

            request = request with { PageToken = next };
        }
    }

    /// <summary>Starts a new counting window in the emulator's request log.</summary>
    public static Task StartCountingCallsAsync(this SyncHarness h, CancellationToken ct) => h.Admin.ClearRequestsAsync(ct);

    /// <summary>Calls answered since <see cref="StartCountingCallsAsync"/>; throws if any was throttled.</summary>
    public static Task<ApiCallTally> CountCallsAsync(this SyncHarness h, CancellationToken ct) => ApiCallTally.CountAsync(h.Admin, ct);
}
