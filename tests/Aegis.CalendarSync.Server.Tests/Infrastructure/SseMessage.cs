using System.Text.Json.Nodes;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>One dispatched Server-Sent Event (Event and Data set) or one comment line (Comment set).</summary>
public sealed record SseMessage(string? Event, string? Data, string? Comment)
{
    public JsonObject Json => JsonNode.Parse(Data ?? throw new InvalidOperationException("Not an event."))!.AsObject();

    public IEnumerable<string> Summaries => Json["activity"]!.AsArray().Select(a => (string)a!["summary"]!);
}
