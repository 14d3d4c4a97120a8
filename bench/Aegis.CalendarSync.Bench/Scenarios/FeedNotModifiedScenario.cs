using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net;
using Aegis.CalendarSync.Application.Feeds;
using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>The private calendar feed of a user with 500 wallet events, polled over real HTTP from the real server
/// host (SQLite, Kestrel on loopback, the feed's rate limiter and every hosted service running). A: a poll without
/// validators, so the calendar is read and rendered (full body); B: a poll with the current ETag in If-None-Match,
/// answered 304 after the one head query. Requests are sequential on one keep-alive connection. Counters per request:
/// CPU time of this process (server and client share it; both arms pay the same client cost) and body bytes.</summary>
public sealed class FeedNotModifiedScenario : IScenario
{
    public const int EventCount = 500;

    public string Name => "feed-full-vs-304";

    public string Description => $"N sequential GET /feeds/{{token}}.ics for a user with {EventCount} events; A renders the calendar, B sends If-None-Match and gets 304";

    public string ArmA => "full render";

    public string ArmB => "304 path";

    public IReadOnlyList<string> Counters => [CounterNames.CpuMilliseconds, CounterNames.BodyBytes];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct)
    {
        var server = await ServerHarness.StartAsync(await TestDatabase.CreateAsync<SqliteTestDatabase>(migrate: false), eventCount: 0, ct);
        try
        {
            // The feed needs no Google sync: with sync off the inserts enqueue nothing, so no background sync runs
            // during the measurement.
            var settings = server.Services.GetRequiredService<ISettingsStore>();
            var current = (await settings.GetAsync(server.UserId, ct))!;
            await settings.UpsertAsync(current with { Enabled = false }, ct);
            for (var i = 0; i < EventCount; i++)
            {
                await server.EventStore.InsertAsync(MixedEvent(server.UserId, i), ct);
            }

            if ((await server.Queue.ListAsync(server.UserId, QueueStatus.Pending, 10, ct)).Count > 0)
            {
                throw new BenchmarkInvalidException("Inserts with sync disabled enqueued work.");
            }
            var issued = await server.Services.GetRequiredService<IFeedSubscriptionService>().IssueAsync(server.UserId, ct);
            var http = new HttpClient { BaseAddress = server.BaseUri };
            var url = $"feeds/{issued.Token}.ics";
            using var first = await http.GetAsync(url, ct);
            var body = await first.Content.ReadAsStringAsync(ct);
            var vevents = body.Split("BEGIN:VEVENT").Length - 1;
            if (first.StatusCode != HttpStatusCode.OK || vevents != EventCount)
            {
                throw new BenchmarkInvalidException($"The feed answered {(int)first.StatusCode} with {vevents} VEVENTs; expected 200 with {EventCount}.");
            }

            return new Session(server, http, url, first.Headers.ETag!, profile.Size(full: 200, quick: 50));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A realistic mix: bills and income, a quarter of them monthly series, every fifth all-day, zones on
    /// three continents, some paid.</summary>
    private static FinancialEvent MixedEvent(Guid userId, int index)
    {
        var e = WalletEvents.New(userId, index);
        string[] zones = ["Europe/Lisbon", "Europe/Berlin", "America/New_York", "Australia/Sydney"];
        return e with
        {
            EventType = index % 3 == 0 ? EventType.Income : EventType.Bill,
            Status = index % 7 == 0 ? EventStatus.Paid : EventStatus.Pending,
            TimeZone = zones[index % zones.Length],
            AllDay = index % 5 == 0,
            Recurrence = index % 4 == 0 ? "RRULE:FREQ=MONTHLY" : null,
            Category = index % 2 == 0 ? "Household" : null,
        };
    }

    private sealed class Session(ServerHarness server, HttpClient http, string url, EntityTagHeaderValue etag, int requests) : IScenarioSession
    {
        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            long bytes = 0;
            var expected = arm == Arm.A ? HttpStatusCode.OK : HttpStatusCode.NotModified;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var elapsed = await TimedRegion.MeasureAsync(async () =>
            {
                for (var i = 0; i < requests; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (arm == Arm.B) request.Headers.IfNoneMatch.Add(etag);
                    using var response = await http.SendAsync(request, ct);
                    var body = await response.Content.ReadAsByteArrayAsync(ct);
                    if (response.StatusCode != expected || !Equals(response.Headers.ETag, etag))
                    {
                        throw new BenchmarkInvalidException($"{arm}: HTTP {(int)response.StatusCode} with ETag {response.Headers.ETag}; expected {(int)expected} with {etag}.");
                    }

                    bytes += body.Length;
                }
            });
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            return new Trial(requests, elapsed, new Dictionary<string, double>
            {
                [CounterNames.CpuMilliseconds] = cpu.TotalMilliseconds,
                [CounterNames.BodyBytes] = bytes,
            });
        }

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await server.DisposeAsync();
        }
    }

}
