using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Aegis.CalendarSync.Server.Tests.Observability;

/// <summary>Without OTEL_EXPORTER_OTLP_ENDPOINT or Tracing:Enabled no tracer provider exists, and a write stores no
/// trace context with its queue item (the write runs as before, without the stamping statement).</summary>
[Collection(ProcessWideTracing.Name)]
public sealed class TracingOffByDefaultTests
{
    [Fact]
    public async Task No_tracer_provider_and_no_stored_trace_context_by_default()
    {
        await using var server = await TestServerHost.StartAsync();
        Assert.Null(server.Services.GetService<TracerProvider>());
        var user = await server.CreateUserAsync("untraced@example.com");
        await server.ConnectGoogleAsync(user);
        await (await user.Client.PostJsonAsync("api/events", EventBodies.Valid())).ReadJsonAsync(201);
        await StoreSnapshot.WaitForIdleQueueAsync(server, user.Id);

        var items = await server.Get<ISyncQueueStore>().ListAsync(user.Id, null, 100, CancellationToken.None);
        Assert.Contains(items, i => i.FinancialEventId is not null);
        Assert.All(items, i => Assert.Null(i.TraceParent));
    }
}
