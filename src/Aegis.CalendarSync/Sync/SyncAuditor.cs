using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Writes one calendar_sync_audit row per operation (with its duration) and the matching metrics.
/// Audit writes never fail the operation they describe: the sync result is already committed when they run.</summary>
public sealed class SyncAuditor(IAuditStore audit, SyncTelemetry telemetry, TimeProvider time)
{
    public long StartTimestamp() => time.GetTimestamp();

    public async Task RecordAsync(Guid userId, string action, string status, long startedAt, CancellationToken ct,
        Guid? financialEventId = null, string? googleEventId = null, string? errorCode = null, string? errorMessage = null,
        string? conflictDetails = null)
    {
        var elapsed = time.GetElapsedTime(startedAt);
        telemetry.RecordOperation(action, status, elapsed);
        if (status == SyncOutcome.Failed)
        {
            telemetry.RecordError(action, errorCode ?? "unknown");
        }

        await audit.AppendAsync(new AuditEntry
        {
            UserId = userId,
            Action = action,
            Status = status,
            FinancialEventId = financialEventId,
            GoogleEventId = googleEventId,
            ErrorCode = errorCode,
            ErrorMessage = errorMessage is { Length: > 2000 } ? errorMessage[..2000] : errorMessage,
            ConflictDetails = conflictDetails,
            DurationMs = (long)elapsed.TotalMilliseconds,
            CreatedAt = time.GetUtcNow(),
        }, ct).ConfigureAwait(false);
    }
}
