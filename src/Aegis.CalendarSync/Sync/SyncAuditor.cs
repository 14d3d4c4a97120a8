using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Sync;

/// <summary>Writes one calendar_sync_audit row per operation (with its duration) and the matching metrics.
/// Audit writes never fail the operation they describe (its result is already committed when they run): a failed
/// write is logged and counted on <see cref="SyncInstruments.AuditWriteFailures"/>, and the operation carries on.
/// Only cancellation of <c>ct</c> itself propagates.
/// A row about an event that does not name its title gets the event's title as it is when the row is written.</summary>
public sealed class SyncAuditor(IAuditStore audit, IFinancialEventStore events, SyncTelemetry telemetry, TimeProvider time,
    ILogger<SyncAuditor> logger)
{
    /// <summary>Longest error message (and details text) kept in a row.</summary>
    public const int MaxErrorMessageLength = 2000;

    /// <summary>Milliseconds from <paramref name="changedAt"/> to the clock's now, never negative (clocks of the two
    /// sides may disagree by a little).</summary>
    public long? PropagationSince(DateTimeOffset? changedAt) =>
        changedAt is { } at ? Math.Max(0, (long)(time.GetUtcNow() - at).TotalMilliseconds) : null;

    public long StartTimestamp() => time.GetTimestamp();

    /// <summary>Appends <paramref name="entry"/> with its duration since <paramref name="startedAt"/> and the clock's
    /// now as <c>CreatedAt</c> (the entry's own values for those two are replaced).</summary>
    public async Task RecordAsync(AuditEntry entry, long startedAt, CancellationToken ct)
    {
        var elapsed = time.GetElapsedTime(startedAt);
        Count(entry, elapsed);
        var row = Row(entry, elapsed);
        try
        {
            if (row is { EventTitle: null, FinancialEventId: { } eventId })
            {
                var current = await events.GetAsync(row.UserId, eventId, ct, includeDeleted: true).ConfigureAwait(false);
                row = row with { EventTitle = current?.Title };
            }

            await audit.AppendAsync(row, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            ReportLost(entry, ex);
        }
    }

    /// <summary>The row <see cref="RecordAsync"/> would write for <paramref name="entry"/> now (duration since
    /// <paramref name="startedAt"/>, CreatedAt, texts truncated), recording nothing: the caller writes it with others
    /// (naming its event's title) and, once written, counts it with <see cref="CountWritten"/>.</summary>
    public AuditEntry Prepare(AuditEntry entry, long startedAt) => Row(entry, time.GetElapsedTime(startedAt));

    /// <summary>The metrics <see cref="RecordAsync"/> records, for a row made by <see cref="Prepare"/> (its duration in
    /// whole milliseconds).</summary>
    public void CountWritten(AuditEntry row) => Count(row, TimeSpan.FromMilliseconds(row.DurationMs ?? 0));

    private void Count(AuditEntry entry, TimeSpan elapsed)
    {
        telemetry.RecordOperation(entry.Action, entry.Status, elapsed);
        if (entry.Status == AuditOutcome.Failed)
        {
            telemetry.RecordError(entry.Action, entry.ErrorCode ?? "unknown");
        }
    }

    private AuditEntry Row(AuditEntry entry, TimeSpan elapsed) => entry with
    {
        ErrorMessage = Truncate(entry.ErrorMessage),
        Details = Truncate(entry.Details),
        DurationMs = (long)elapsed.TotalMilliseconds,
        CreatedAt = time.GetUtcNow(),
    };

    /// <summary>Rows that were recorded (metrics included) but whose write failed afterwards (a batch's commit stored
    /// the work without them): logged and counted as any failed audit write.</summary>
    public void ReportLost(IReadOnlyList<AuditEntry> entries, Exception failure)
    {
        foreach (var entry in entries)
        {
            ReportLost(entry, failure);
        }
    }

    private void ReportLost(AuditEntry entry, Exception failure)
    {
        telemetry.RecordAuditWriteFailure(entry.Action);
        logger.LogError(failure, "Audit row {Action}/{Outcome} for user {UserId} could not be written; the operation itself succeeded or failed as recorded in the metrics",
            entry.Action, entry.Status, entry.UserId);
    }

    private static string? Truncate(string? text) => text is { Length: > MaxErrorMessageLength } ? text[..MaxErrorMessageLength] : text;
}
