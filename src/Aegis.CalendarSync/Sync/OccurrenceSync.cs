using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Sync;

/// <summary>Occurrences of a recurring financial event, both ways, one Google call per occurrence change.
/// Outbound (after the series is in Google): each override whose instance differs from what Google was last known to
/// hold is one call: a patch of the instance id (If-Match when the exception exists), a delete for a skipped one, an
/// update restoring an instance that was deleted. Inbound: an exception becomes an override of its series (the series
/// never changes), a cancelled instance a skipped occurrence; the echo of our own write is recognised by etag or
/// content hash and costs nothing. When both sides changed one occurrence, the user's strategy decides.</summary>
internal sealed class OccurrenceSync(
    IOccurrenceStore occurrences,
    OccurrenceDecider decider,
    IGoogleCalendarClient google,
    RemoteEvents remote,
    OccurrenceMapper mapper,
    ConflictRecorder recorder,
    SyncAuditor auditor,
    SyncTelemetry telemetry,
    IOptions<SyncEngineOptions> options)
{
    /// <summary>Pushes every changed override of <paramref name="series"/>, whose master is <paramref name="mapping"/>.
    /// <paramref name="masterInserted"/>: the master was just created (first push, or moved to another calendar), so
    /// Google has none of the exceptions and every override is written, unconditionally.</summary>
    public async Task PushAsync(SyncAttempt attempt, FinancialEvent series, CalendarSyncMapping mapping, bool masterInserted, CancellationToken ct)
    {
        if (!RecurrenceLines.IsRecurring(series.Recurrence))
        {
            return;
        }

        var overrides = await occurrences.ListAsync(attempt.UserId, series.Id, ct).ConfigureAwait(false);
        foreach (var o in overrides)
        {
            // An override the series no longer generates (its rule changed) has no instance in Google to write.
            if (OccurrenceExpander.Find(series, overrides, o.OriginalStart) is not { } occurrence)
            {
                continue;
            }

            if (masterInserted)
            {
                await WriteAsync(attempt, series, mapping, o with { GoogleEtag = null }, occurrence, restore: false, ct).ConfigureAwait(false);
            }
            else if (mapper.ContentHash(series, mapping.GoogleEventId, occurrence) != o.ContentHash)
            {
                await PushOneAsync(attempt, series, mapping, o, occurrence, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The wallet's series was just written back over Google's deletion of it (the wallet's edit was the later
    /// write). Google brings the master back but keeps cancelled every exception its deletion cancelled, which the next
    /// sync would read as months the user skipped. So each occurrence of the series Google holds cancelled is written
    /// back unless the wallet skips it, and each override is written again: one call per such occurrence.</summary>
    public async Task RestoreAfterRevivalAsync(SyncAttempt attempt, FinancialEvent series, CalendarSyncMapping mapping, CancellationToken ct)
    {
        if (!RecurrenceLines.IsRecurring(series.Recurrence))
        {
            return;
        }

        var cancelled = await CancelledInstancesAsync(attempt, series, mapping, ct).ConfigureAwait(false);
        var overrides = await occurrences.ListAsync(attempt.UserId, series.Id, ct).ConfigureAwait(false);
        foreach (var start in overrides.Select(o => o.OriginalStart).Union(cancelled).Order().ToList())
        {
            if (OccurrenceExpander.Find(series, overrides, start) is not { } occurrence)
            {
                continue;
            }

            var o = overrides.FirstOrDefault(x => x.OriginalStart == start)
                ?? new OccurrenceOverride { UserId = series.UserId, FinancialEventId = series.Id, OriginalStart = start };
            if (occurrence.Status == OccurrenceStatus.Skipped && cancelled.Contains(start))
            {
                await occurrences.RecordSyncAsync(attempt.UserId, series.Id, start, null, OccurrenceMapper.CancelledHash, o.UpdatedAt, ct)
                    .ConfigureAwait(false);
                continue;
            }

            await WriteAsync(attempt, series, mapping, o with { GoogleEtag = null }, occurrence, restore: cancelled.Contains(start), ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Original starts of the series' instances Google holds cancelled (all pages).</summary>
    private async Task<HashSet<DateTimeOffset>> CancelledInstancesAsync(SyncAttempt attempt, FinancialEvent series, CalendarSyncMapping mapping,
        CancellationToken ct)
    {
        var cancelled = new HashSet<DateTimeOffset>();
        var request = new ListEventsRequest { SingleEvents = true, ShowDeleted = true, TimeMin = series.StartAt.AddDays(-1), MaxResults = 2500 };
        while (true)
        {
            var page = await google.ListEventsAsync(attempt.Account, mapping.GoogleCalendarId, request, ct).ConfigureAwait(false);
            foreach (var instance in page.Items ?? [])
            {
                if (instance is { IsCancelled: true } && instance.RecurringEventId == mapping.GoogleEventId
                    && GoogleInstanceId.OriginalStart(series, instance.OriginalStartTime) is { } start)
                {
                    cancelled.Add(start);
                }
            }

            if (page.NextPageToken is not { } next)
            {
                return cancelled;
            }

            request = request with { PageToken = next };
        }
    }

    /// <summary>Applies a Google instance (an exception or a cancelled instance, <c>recurringEventId</c> set) to the
    /// override of its occurrence. Never changes the series and never creates a financial event. An instance cancelled
    /// because its whole series was deleted (<paramref name="seriesDeleted"/>) is no skipped occurrence: the series'
    /// deletion decides (it deletes the wallet's series, or a later wallet edit writes the series back with its
    /// months, <see cref="RestoreAfterRevivalAsync"/>).</summary>
    public async Task ApplyInstanceAsync(SyncAttempt attempt, GoogleEvent instance, bool seriesDeleted, CancellationToken ct)
    {
        var d = await decider.DecideAsync(attempt.UserId, attempt.CalendarId, instance, seriesDeleted, ct).ConfigureAwait(false);
        switch (d.Step)
        {
            case OccurrenceStep.SeriesDeleted:
                await SkipAsync(attempt, null, instance, "series_deleted", ct).ConfigureAwait(false);
                return;
            case OccurrenceStep.UnknownSeries:
                await SkipAsync(attempt, null, instance, "unknown_series", ct).ConfigureAwait(false);
                return;
            case OccurrenceStep.NotAnOccurrence:
                await SkipAsync(attempt, d.Series!.Id, instance, "not_an_occurrence", ct).ConfigureAwait(false);
                return;
            case OccurrenceStep.Echo:
                await RecordEchoAsync(attempt, d, ct).ConfigureAwait(false);
                // Counted, never audited (as for whole events).
                telemetry.RecordSkip("echo");
                return;
        }

        var (series, master, occurrence, existing) = (d.Series!, d.Master!, d.Occurrence!, d.Existing);
        if (d.Step == OccurrenceStep.Conflict)
        {
            var winner = await DecideAsync(attempt, series, master, occurrence, existing!, instance, ConflictCause.BothChanged, ct).ConfigureAwait(false);
            if (winner is not ConflictWinner.Google && !(winner is ConflictWinner.Neither && instance.IsCancelled))
            {
                if (winner == ConflictWinner.Local && d.Ours == existing!.ContentHash)
                {
                    // The wallet's later writes brought the occurrence back to the version last synced, so its push
                    // skips as unchanged: write it over Google's change now (one call).
                    await WriteAsync(attempt, series, master, existing with { GoogleEtag = instance.IsCancelled ? null : instance.Etag }, occurrence,
                        restore: instance.IsCancelled, ct).ConfigureAwait(false);
                }
                else if (winner == ConflictWinner.Local)
                {
                    // The pending outbound write of the wallet's change now passes If-Match.
                    await occurrences.RecordSyncAsync(attempt.UserId, series.Id, existing!.OriginalStart, instance.Etag, existing.ContentHash, null, ct)
                        .ConfigureAwait(false);
                }

                return;
            }
        }

        await ApplyGoogleAsync(attempt, series, occurrence, existing, instance, ct).ConfigureAwait(false);
        await auditor.RecordAsync(attempt.Audit(instance.IsCancelled ? AuditAction.DeleteFromGoogle : AuditAction.SyncFromGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = series.Id,
            GoogleEventId = instance.Id,
            ErrorCode = "occurrence",
        }, attempt.StartedAt, ct).ConfigureAwait(false);
    }

    /// <summary>An echo: records what Google holds when that moved on (a newer etag; or, when both sides hold the
    /// wallet's changed version, that version as the one agreed now).</summary>
    private async Task RecordEchoAsync(SyncAttempt attempt, OccurrenceDecision d, CancellationToken ct)
    {
        if (d.Existing is not { } existing)
        {
            return;
        }

        var instance = d.Instance;
        if (d.RemoteHash == d.Ours && OccurrenceChange.IsUnsynced(existing, d.Ours))
        {
            await occurrences.RecordSyncAsync(attempt.UserId, existing.FinancialEventId, existing.OriginalStart, instance.IsCancelled ? null : instance.Etag,
                d.Ours, existing.UpdatedAt, ct).ConfigureAwait(false);
        }
        else if (existing.GoogleEtag != instance.Etag && !instance.IsCancelled)
        {
            await occurrences.RecordSyncAsync(attempt.UserId, existing.FinancialEventId, existing.OriginalStart, instance.Etag, existing.ContentHash, null, ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>True when <paramref name="googleEventId"/> names an instance of the series <paramref name="mapping"/> links.</summary>
    public static bool IsInstanceOf(CalendarSyncMapping mapping, string googleEventId) =>
        googleEventId.Length > mapping.GoogleEventId.Length + 1 && googleEventId.StartsWith(mapping.GoogleEventId + "_", StringComparison.Ordinal);

    /// <summary>The user's choice for a kept occurrence conflict: Google's instance into the override, or the wallet's
    /// occurrence written over what Google holds now.</summary>
    public async Task ResolveManualAsync(SyncAttempt attempt, FinancialEvent series, CalendarSyncMapping mapping, GoogleEvent current,
        ConflictResolution keep, CancellationToken ct)
    {
        var overrides = await occurrences.ListAsync(attempt.UserId, series.Id, ct).ConfigureAwait(false);
        var occurrence = GoogleInstanceId.OriginalStart(series, current.OriginalStartTime) is { } key
            ? OccurrenceExpander.Find(series, overrides, key)
            : null;
        if (occurrence is null)
        {
            return;
        }

        var existing = overrides.FirstOrDefault(o => o.OriginalStart == occurrence.OriginalStart);
        if (keep == ConflictResolution.KeepGoogle || existing is null)
        {
            await ApplyGoogleAsync(attempt, series, occurrence, existing, current, ct).ConfigureAwait(false);
            return;
        }

        await WriteAsync(attempt, series, mapping, existing with { GoogleEtag = current.IsCancelled ? null : current.Etag }, occurrence,
            restore: current.IsCancelled, ct).ConfigureAwait(false);
    }

    private async Task PushOneAsync(SyncAttempt attempt, FinancialEvent series, CalendarSyncMapping mapping, OccurrenceOverride o,
        Occurrence occurrence, CancellationToken ct)
    {
        try
        {
            await WriteAsync(attempt, series, mapping, o, occurrence, restore: o.ContentHash == OccurrenceMapper.CancelledHash, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PreconditionFailedException or NotFoundException or ResourceDeletedException)
        {
            if (ex is not PreconditionFailedException
                && (await remote.GetAsync(attempt.Account, mapping.GoogleRef.At(null), ct).ConfigureAwait(false)).IsCancelled)
            {
                // The whole series was deleted in Google since: that deletion is decided for the series by the next
                // incremental sync (it deletes the wallet's series with its months, or loses to a later wallet edit).
                await auditor.RecordAsync(attempt.Audit(AuditAction.SyncToGoogle, AuditOutcome.Skipped) with
                {
                    FinancialEventId = series.Id,
                    GoogleEventId = InstanceRef(series, mapping, occurrence, etag: null).EventId,
                    ErrorCode = "series_deleted",
                }, attempt.StartedAt, ct).ConfigureAwait(false);
                return;
            }

            // Google changed (or deleted) the instance since we last saw it: look at what it holds now.
            var target = InstanceRef(series, mapping, occurrence, etag: null);
            var current = await remote.GetAsync(attempt.Account, target, ct).ConfigureAwait(false);
            var desiredHash = mapper.ContentHash(series, mapping.GoogleEventId, occurrence);
            var currentHash = current.IsCancelled ? OccurrenceMapper.CancelledHash : EventContentHash.Compute(current);
            if (currentHash == desiredHash)
            {
                await occurrences.RecordSyncAsync(attempt.UserId, series.Id, o.OriginalStart, current.IsCancelled ? null : current.Etag, desiredHash,
                    o.UpdatedAt, ct).ConfigureAwait(false);
                return;
            }

            var winner = await DecideAsync(attempt, series, mapping, occurrence, o, current, ConflictCause.IfMatch412, ct).ConfigureAwait(false);
            if (winner == ConflictWinner.Local)
            {
                await WriteAsync(attempt, series, mapping, o with { GoogleEtag = current.IsCancelled ? null : current.Etag }, occurrence,
                    restore: current.IsCancelled, ct).ConfigureAwait(false);
            }
            else if (winner == ConflictWinner.Google || (winner == ConflictWinner.Neither && current.IsCancelled))
            {
                await ApplyGoogleAsync(attempt, series, occurrence, o, current, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The one call for one occurrence: delete (skipped), update (restoring a deleted instance) or patch.</summary>
    private async Task WriteAsync(SyncAttempt attempt, FinancialEvent series, CalendarSyncMapping mapping, OccurrenceOverride o,
        Occurrence occurrence, bool restore, CancellationToken ct)
    {
        var target = InstanceRef(series, mapping, occurrence, o.GoogleEtag);
        var desired = mapper.ToInstance(series, mapping.GoogleEventId, occurrence);
        string? etag = null;
        if (desired is null)
        {
            await remote.DeleteAsync(attempt.Account, target, ct).ConfigureAwait(false);
        }
        else if (restore)
        {
            etag = (await remote.UpdateAsync(attempt.Account, target.At(null), desired, ct).ConfigureAwait(false)).Etag;
        }
        else
        {
            etag = (await google.PatchEventAsync(attempt.Account, target.CalendarId, target.EventId, desired, target.Etag, ct).ConfigureAwait(false)).Etag;
        }

        await occurrences.RecordSyncAsync(attempt.UserId, series.Id, o.OriginalStart, etag,
            mapper.ContentHash(series, mapping.GoogleEventId, occurrence), o.UpdatedAt, ct).ConfigureAwait(false);
        await auditor.RecordAsync(attempt.Audit(desired is null ? AuditAction.DeleteInGoogle : AuditAction.SyncToGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = series.Id,
            GoogleEventId = target.EventId,
            ErrorCode = "occurrence",
        }, attempt.StartedAt, ct).ConfigureAwait(false);
    }

    /// <summary>Google's instance into the override: a cancelled instance skips the occurrence (keeping its amount
    /// and title), an exception sets what it shows.</summary>
    private async Task ApplyGoogleAsync(SyncAttempt attempt, FinancialEvent series, Occurrence occurrence, OccurrenceOverride? existing,
        GoogleEvent instance, CancellationToken ct)
    {
        var key = new OccurrenceOverride { UserId = series.UserId, FinancialEventId = series.Id, OriginalStart = occurrence.OriginalStart };
        var applied = instance.IsCancelled
            ? (existing ?? key) with { Status = OccurrenceStatus.Skipped, SyncSource = SyncSource.Google }
            : mapper.FromException(series, occurrence, instance, Defaults(attempt));
        await occurrences.UpsertAsync(applied, ct).ConfigureAwait(false);
        // Google's version is the one agreed now, whichever row version holds it (a save that changed nothing keeps
        // the row's clock).
        var stored = await occurrences.GetAsync(series.UserId, series.Id, occurrence.OriginalStart, ct).ConfigureAwait(false);
        await occurrences.RecordSyncAsync(attempt.UserId, series.Id, occurrence.OriginalStart,
            instance.IsCancelled ? null : instance.Etag,
            instance.IsCancelled ? OccurrenceMapper.CancelledHash : EventContentHash.Compute(instance), stored?.UpdatedAt, ct).ConfigureAwait(false);
    }

    private async Task<ConflictWinner> DecideAsync(SyncAttempt attempt, FinancialEvent series, CalendarSyncMapping mapping,
        Occurrence occurrence, OccurrenceOverride local, GoogleEvent instance, ConflictCause cause, CancellationToken ct)
    {
        var winner = ConflictPolicy.Decide(attempt.Strategy, local.UpdatedAt, instance.Updated);
        // The wallet's side of the conflict is the occurrence as one event (the series' id, the occurrence's values).
        var asEvent = series with
        {
            Title = occurrence.Title, Amount = occurrence.Amount, StartAt = occurrence.StartAt, EndAt = occurrence.EndAt,
            Status = occurrence.Status == OccurrenceStatus.Paid ? EventStatus.Paid : EventStatus.Pending,
            DeletedAt = occurrence.Status == OccurrenceStatus.Skipped ? local.UpdatedAt : null,
            UpdatedAt = local.UpdatedAt,
        };
        await recorder.RecordAsync(attempt, new ConflictCase(asEvent, mapping, instance, cause), winner, ct).ConfigureAwait(false);
        return winner;
    }

    private Task SkipAsync(SyncAttempt attempt, Guid? seriesId, GoogleEvent instance, string reason, CancellationToken ct) =>
        auditor.RecordAsync(attempt.Audit(AuditAction.SyncFromGoogle, AuditOutcome.Skipped) with
        {
            FinancialEventId = seriesId,
            GoogleEventId = instance.Id,
            ErrorCode = reason,
        }, attempt.StartedAt, ct);

    private GoogleImportDefaults Defaults(SyncAttempt attempt) =>
        new(attempt.UserId, options.Value.DefaultCurrency, options.Value.DefaultTimeZone);

    private static GoogleEventRef InstanceRef(FinancialEvent series, CalendarSyncMapping mapping, Occurrence occurrence, string? etag) =>
        new(mapping.GoogleCalendarId, GoogleInstanceId.For(mapping.GoogleEventId, series, occurrence.OriginalStart), etag);
}
