using System.Text.Json;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Conflicts;

/// <summary>A conflict with both snapshots as JSON objects (not strings), ready to show side by side.</summary>
public sealed record ConflictResponse(
    long Id,
    Guid FinancialEventId,
    string GoogleEventId,
    JsonElement LocalVersion,
    JsonElement GoogleVersion,
    ConflictStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt)
{
    public static ConflictResponse From(SyncConflict c) => new(c.Id, c.FinancialEventId, c.GoogleEventId,
        ParseSnapshot(c.LocalVersion), ParseSnapshot(c.GoogleVersion), c.Status, c.CreatedAt, c.ResolvedAt);

    /// <summary>Snapshots are written by the engine as JSON; anything else is shown verbatim as a string.</summary>
    public static JsonElement ParseSnapshot(string snapshot)
    {
        try
        {
            using var document = JsonDocument.Parse(snapshot);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(snapshot);
        }
    }
}
