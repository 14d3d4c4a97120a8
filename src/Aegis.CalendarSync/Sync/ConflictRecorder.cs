using System.Text.Json;
using System.Text.Json.Nodes;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Every conflict is audited with both versions; under the manual strategy it is also kept (once per event
/// while open) for the user to resolve in the UI.</summary>
public sealed class ConflictRecorder(IConflictStore conflicts, SyncAuditor auditor, SyncTelemetry telemetry, TimeProvider time)
{
    private static readonly JsonSerializerOptions LocalJson = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(CalendarSyncSettings settings, FinancialEvent local, GoogleEvent remote, ConflictWinner winner,
        string detectedBy, long startedAt, CancellationToken ct)
    {
        var localJson = JsonSerializer.Serialize(local, LocalJson);
        var googleJson = JsonSerializer.Serialize(remote, GoogleJsonContext.Default.GoogleEvent);
        var details = new JsonObject
        {
            ["strategy"] = settings.ConflictStrategy.ToString(),
            ["winner"] = winner.ToString(),
            ["detectedBy"] = detectedBy,
            ["local"] = JsonNode.Parse(localJson),
            ["google"] = JsonNode.Parse(googleJson),
        };
        telemetry.RecordConflict(settings.ConflictStrategy.ToString(), winner.ToString());

        if (winner == ConflictWinner.User)
        {
            var open = await conflicts.ListOpenAsync(settings.UserId, ct).ConfigureAwait(false);
            if (!open.Any(c => c.FinancialEventId == local.Id))
            {
                await conflicts.AddAsync(new SyncConflict
                {
                    UserId = settings.UserId,
                    FinancialEventId = local.Id,
                    GoogleEventId = remote.Id ?? "",
                    LocalVersion = localJson,
                    GoogleVersion = googleJson,
                    CreatedAt = time.GetUtcNow(),
                }, ct).ConfigureAwait(false);
            }
        }

        await auditor.RecordAsync(settings.UserId, SyncActions.Conflict, SyncOutcome.Conflict, startedAt, ct,
            financialEventId: local.Id, googleEventId: remote.Id, conflictDetails: details.ToJsonString()).ConfigureAwait(false);
    }
}
