using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Web;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Push;
using OpenTelemetry.Trace;

namespace Aegis.CalendarSync.Server.Tests.Observability;

/// <summary>Issue 14: one outbound and one inbound change followed span by span through the real server (Kestrel,
/// queue processor, embedded emulator over HTTP), collected by OpenTelemetry's in-memory exporter. Each change is
/// made under a root span of the test's own, so its trace is told apart from every other test's in this process.</summary>
public abstract class TraceChainTests : IAsyncLifetime
{
    private const string GoogleAccount = "demo@example.com";
    private const string WebhookRoute = "/" + GooglePush.WebhookPath;
    private readonly SpanCollector _spans = new();
    private readonly List<string> _secrets = [];
    private TestDatabase? _database;
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    /// <summary>The database client's spans expected under the processing span (PostgreSQL: Npgsql's own).</summary>
    protected abstract string? DatabaseSource { get; }

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _server = await TestServerHost.StartAsync(new TestServerOptions
        {
            Database = _database,
            Settings = { ["Tracing:Enabled"] = "true" },
            Services = services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans)),
        });
        _user = await _server.CreateUserAsync($"trace-{Guid.NewGuid():N}@example.com");
        _secrets.Add(_user.Client.DefaultRequestHeaders.Authorization!.Parameter!);

        await _server.SetImportForeignEventsAsync(_user, importForeignEvents: true);
        var callback = await _server.AuthorizeAtEmulatorAsync(_user);
        _secrets.Add(HttpUtility.ParseQueryString(callback.Query)["code"]!);
        Assert.Equal(HttpStatusCode.OK, (await _user.Client.GetAsync(callback)).StatusCode);
        await FirstSyncApi.StartAsync(_user.Client);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        var settings = await SettingsAsync();
        var vault = _server.Get<GoogleTokenVault>();
        _secrets.Add(vault.OpenAccessToken(_user.Id, settings.EncryptedAccessToken!));
        _secrets.Add(vault.OpenRefreshToken(_user.Id, settings.EncryptedRefreshToken!));
        _secrets.Add(settings.WebhookSecret!);
        _secrets.Add(settings.SyncToken!);
        Assert.All(_secrets, s => Assert.True(s.Length >= 8, "every secret looked for is a real value"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    [Fact]
    public async Task Outbound_change_is_one_trace_from_the_api_request_through_the_queue_item_to_the_google_call()
    {
        ActivityTraceId traceId;
        Guid eventId;
        using (var root = StartRoot("create a bill"))
        {
            traceId = root.TraceId;
            var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Traced bill"))).ReadJsonAsync(201);
            eventId = Guid.Parse((string)created["id"]!);
        }

        var process = await ProcessSpanAsync(traceId, "to_google");
        var trace = _spans.Trace(traceId);
        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server && (s.GetTagItem("http.route") as string)?.Trim('/') == "api/events");
        Assert.Equal("POST", request.GetTagItem("http.request.method"));

        var enqueue = Assert.Single(trace, s => s.OperationName == SyncTracing.Enqueue);
        AssertDescendant(trace, enqueue, request);
        Assert.Equal("to_google", enqueue.GetTagItem(SyncTracing.QueueDirection));
        Assert.Equal(eventId.ToString(), enqueue.GetTagItem(SyncTracing.FinancialEventId));
        Assert.Equal(_user.Id.ToString(), enqueue.GetTagItem(SyncTracing.UserId));

        // The queue item carries the enqueue span's context, and its id is on both spans.
        var item = await RecordedItemAsync(i => i.FinancialEventId == eventId);
        Assert.Equal(enqueue.Id, item.TraceParent);
        Assert.Equal(item.Id, enqueue.GetTagItem(SyncTracing.QueueItemId));
        Assert.Equal(item.Id, process.GetTagItem(SyncTracing.QueueItemId));
        Assert.Equal(_user.Id.ToString(), process.GetTagItem(SyncTracing.UserId));
        Assert.Equal("upsert", process.GetTagItem(SyncTracing.QueueAction));
        Assert.Equal(enqueue.SpanId, process.ParentSpanId);
        AssertLinkedToClaim(process);

        var sync = Assert.Single(trace, s => s.OperationName == SyncTracing.SyncOutbound);
        Assert.Equal(process.SpanId, sync.ParentSpanId);
        Assert.Equal(eventId.ToString(), sync.GetTagItem(SyncTracing.FinancialEventId));
        var insert = Assert.Single(trace, s => s.OperationName == SyncTracing.GoogleCallPrefix + "events.insert");
        AssertDescendant(trace, insert, sync);
        Assert.Equal(_user.Id.ToString(), insert.GetTagItem(SyncTracing.UserId));
        var http = AssertEmulatorCall(trace, insert, "POST");
        Assert.Equal(ActivityStatusCode.Unset, http.Status);
        if (DatabaseSource is { } source)
            Assert.Contains(trace, s => s.Source.Name == source && IsDescendant(trace, s, process));

        AssertNoSecretInAnySpan();
    }

    [Fact]
    public async Task Inbound_change_is_one_trace_from_the_webhook_through_the_incremental_sync_to_the_events_list_call()
    {
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
        var day = DateTimeOffset.UtcNow.Date.AddDays(3);
        await _server.EmulatorAdmin.CreateEventAsPersonAsync(GoogleAccount, "primary", new CalendarEvent
        {
            Summary = "Dentist",
            Start = new EventDateTime { Date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            End = new EventDateTime { Date = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        });
        var settings = await SettingsAsync();

        ActivityTraceId traceId;
        using (var root = StartRoot("google push"))
        {
            traceId = root.TraceId;
            Assert.Equal(HttpStatusCode.OK, (await PushAsync(settings, settings.LastMessageNumber + 1)).StatusCode);
        }

        var process = await ProcessSpanAsync(traceId, "from_google");
        var trace = _spans.Trace(traceId);
        var webhook = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") as string == WebhookRoute);
        var enqueue = Assert.Single(trace, s => s.OperationName == SyncTracing.Enqueue);
        AssertDescendant(trace, enqueue, webhook);
        Assert.Equal("from_google", enqueue.GetTagItem(SyncTracing.QueueDirection));
        Assert.Equal("incremental_sync", enqueue.GetTagItem(SyncTracing.QueueAction));
        Assert.Equal(_user.Id.ToString(), enqueue.GetTagItem(SyncTracing.UserId));

        var item = await RecordedItemAsync(i => i.TraceParent == enqueue.Id);
        Assert.Equal((SyncDirection.FromGoogle, QueueAction.IncrementalSync, QueueStatus.Completed), (item.Direction, item.Action, item.Status));
        Assert.Equal(item.Id, enqueue.GetTagItem(SyncTracing.QueueItemId));
        Assert.Equal(item.Id, process.GetTagItem(SyncTracing.QueueItemId));
        Assert.Equal(enqueue.SpanId, process.ParentSpanId);
        AssertLinkedToClaim(process);

        var sync = Assert.Single(trace, s => s.OperationName == SyncTracing.SyncInbound);
        Assert.Equal(process.SpanId, sync.ParentSpanId);
        Assert.Equal("incremental_sync", sync.GetTagItem(SyncTracing.QueueAction));
        var list = Assert.Single(trace, s => s.OperationName == SyncTracing.GoogleCallPrefix + "events.list");
        AssertDescendant(trace, list, sync);
        var http = AssertEmulatorCall(trace, list, "GET");
        // The query (sync token, page token) is redacted whole by .NET's HttpClient telemetry.
        Assert.EndsWith("/calendars/primary/events?*", (string)http.GetTagItem("url.full")!);
        // The change arrived: the wallet holds the person's event.
        Assert.Contains(await _server.Get<IFinancialEventStore>().ListAsync(_user.Id, new EventQuery(Limit: 100), CancellationToken.None),
            e => e.Title.Contains("Dentist", StringComparison.Ordinal));

        AssertNoSecretInAnySpan();
    }

    private static Activity StartRoot(string name)
    {
        var root = new Activity(name);
        root.SetIdFormat(ActivityIdFormat.W3C);
        root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return root.Start();
    }

    /// <summary>Waits until the queue processor ended the processing span of the trace (spans are exported on end).</summary>
    private Task<Activity> ProcessSpanAsync(ActivityTraceId traceId, string direction) =>
        Eventually.GetAsync(() => Task.FromResult(_spans.Trace(traceId).FirstOrDefault(s =>
                s.OperationName == SyncTracing.Process && s.GetTagItem(SyncTracing.QueueDirection) as string == direction)),
            $"the {direction} processing span");

    private void AssertLinkedToClaim(Activity process)
    {
        var link = Assert.Single(process.Links);
        var claims = _spans.Snapshot().Where(s => s.OperationName == SyncTracing.Claim).ToList();
        var claim = Assert.Single(claims, c => c.SpanId == link.Context.SpanId && c.TraceId == link.Context.TraceId);
        Assert.True((int)claim.GetTagItem(SyncTracing.QueueClaimed)! >= 1);
        Assert.All(claims, c => Assert.True((int)c.GetTagItem(SyncTracing.QueueClaimed)! >= 1, "idle polls are not exported"));
    }

    /// <summary>The HttpClient span of <paramref name="call"/>, a real request to the emulator's port.</summary>
    private Activity AssertEmulatorCall(IReadOnlyList<Activity> trace, Activity call, string method)
    {
        var http = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http" && s.ParentSpanId == call.SpanId);
        Assert.Equal(method, http.GetTagItem("http.request.method"));
        Assert.Equal(_server.Emulator.BaseUri.Port, http.GetTagItem("server.port"));
        Assert.Equal(200, http.GetTagItem("http.response.status_code"));
        // The emulator's own server span is the call's child: the context crossed the wire.
        Assert.Contains(trace, s => s.Kind == ActivityKind.Server && s.ParentSpanId == http.SpanId);
        return http;
    }

    private void AssertNoSecretInAnySpan()
    {
        foreach (var span in _spans.Snapshot())
        {
            var texts = span.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")))
                .Concat(span.Links.SelectMany(l => l.Tags?.Select(t => $"{t.Key}={t.Value}") ?? []))
                .Append(span.DisplayName).ToList();
            foreach (var secret in _secrets)
                Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static void AssertDescendant(IReadOnlyList<Activity> trace, Activity span, Activity ancestor) =>
        Assert.True(IsDescendant(trace, span, ancestor), $"{span.DisplayName} is not under {ancestor.DisplayName}");

    private static bool IsDescendant(IReadOnlyList<Activity> trace, Activity span, Activity ancestor)
    {
        var bySpan = trace.ToDictionary(s => s.SpanId);
        for (var current = span; bySpan.TryGetValue(current.ParentSpanId, out var parent); current = parent)
            if (parent.SpanId == ancestor.SpanId) return true;
        return false;
    }

    private async Task<CalendarSyncSettings> SettingsAsync() =>
        (await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!;

    /// <summary>The one queue item matching <paramref name="match"/>, once its outcome is recorded: the processor writes
    /// the outcome after the item's process span has ended, so the span alone does not mean the row is updated.</summary>
    private Task<SyncQueueItem> RecordedItemAsync(Func<SyncQueueItem, bool> match) =>
        Eventually.GetAsync(async () =>
        {
            var item = Assert.Single(await QueueAsync(), i => match(i));
            return item.Status == QueueStatus.Processing ? null : item;
        }, "the item's outcome to be recorded");

    private Task<IReadOnlyList<SyncQueueItem>> QueueAsync() =>
        _server.Get<ISyncQueueStore>().ListAsync(_user.Id, null, 1000, CancellationToken.None);

    private Task<HttpResponseMessage> PushAsync(CalendarSyncSettings channel, long messageNumber) =>
        GooglePush.SendAsync(_server, channel, "exists", messageNumber);
}

[Collection(ProcessWideTracing.Name)]
public sealed class SqliteTraceChainTests : TraceChainTests
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(null);

    protected override string? DatabaseSource => null;
}

[Collection(ProcessWideTracing.Name)]
public sealed class PostgresTraceChainTests : TraceChainTests
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false);

    protected override string? DatabaseSource => "Npgsql";
}
