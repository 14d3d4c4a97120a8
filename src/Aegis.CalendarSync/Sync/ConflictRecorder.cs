using System.Text.Json;
using System.Text.Json.Nodes;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Sync;

/// <summary>Every conflict is audited with both versions; under the manual strategy it is also kept (once per event
/// while open) for the user to resolve in the UI.</summary>
internal sealed class ConflictRecorder(IConflictStore conflicts, SyncAuditor auditor, SyncTelemetry telemetry, TimeProvider time)
{
    private static readonly JsonSerializerOptions LocalJson = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(SyncAttempt attempt, ConflictCase conflict, ConflictWinner winner, CancellationToken ct)
    {
        var (local, remote) = (conflict.Local, conflict.Remote);
        var localJson = JsonSerializer.Serialize(local, LocalJson);
        var googleJson = JsonSerializer.Serialize(remote, GoogleJsonContext.Default.GoogleEvent);
        var details = new JsonObject
        {
            ["strategy"] = attempt.Strategy.ToString(),
            ["winner"] = winner.ToString(),
            ["detectedBy"] = EnumText.ToText(conflict.Cause),
            ["local"] = JsonNode.Parse(localJson),
            ["google"] = JsonNode.Parse(googleJson),
        };
        telemetry.RecordConflict(attempt.Strategy, winner);

        if (winner == ConflictWinner.User)
        {
            var open = await conflicts.ListOpenAsync(attempt.UserId, ct).ConfigureAwait(false);
            if (!open.Any(c => c.FinancialEventId == local.Id))
            {
                await conflicts.AddAsync(new SyncConflict
                {
                    UserId = attempt.UserId,
                    FinancialEventId = local.Id,
                    GoogleEventId = remote.Id ?? "",
                    LocalVersion = localJson,
                    GoogleVersion = googleJson,
                    CreatedAt = time.GetUtcNow(),
                }, ct).ConfigureAwait(false);
            }
        }

        await auditor.RecordAsync(attempt.Audit(AuditAction.Conflict, AuditOutcome.Conflict) with
        {
            FinancialEventId = local.Id,
            GoogleEventId = remote.Id,
            ConflictDetails = details.ToJsonString(),
        }, attempt.StartedAt, ct).ConfigureAwait(false);
    }
}
