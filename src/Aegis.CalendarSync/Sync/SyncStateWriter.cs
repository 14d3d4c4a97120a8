using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Sync;

/// <summary>The local writes of a sync: Google's version into the wallet (marked <c>sync_source = google</c> so the
/// trigger enqueues nothing), and the mapping row after either direction. Mapping writes are optimistic: a lost
/// race throws <see cref="MappingConflictException"/> and the queue retries against the winner's state.</summary>
public sealed class SyncStateWriter(
    IFinancialEventStore events,
    IMappingStore mappings,
    FinancialEventMapper mapper,
    SyncAuditor auditor,
    SyncTelemetry telemetry,
    IOptions<SyncEngineOptions> options,
    TimeProvider time)
{
    /// <summary>Audit code of a summary edited in Google whose amount part could not be read (amount kept).</summary>
    public const string SummaryAmountUnreadCode = "summary_amount_unread";

    /// <summary>Creates or updates the wallet event from <paramref name="remote"/> and records the remote etag, the
    /// hash of Google's rendering (so the echo of this very version is recognised later) and the hash of the wallet's
    /// rendering of the result (so only a real wallet edit counts as a local change). Clears a soft delete (a
    /// Google-wins restore). What Google's event does not carry (see <see cref="SyncedValues"/>) comes from the version
    /// last synced, not from a wallet edit Google's version won over.</summary>
    public async Task<FinancialEvent> ApplyRemoteAsync(CalendarSyncSettings settings, FinancialEvent? existing,
        CalendarSyncMapping? mapping, GoogleEvent remote, CancellationToken ct)
    {
        var plan = PlanRemote(settings, existing, mapping, remote);
        var applied = plan.Applied;
        if (existing is null)
        {
            await events.InsertAsync(applied, ct).ConfigureAwait(false);
        }
        else if (!await events.UpdateIfUnchangedAsync(applied, existing.UpdatedAt, ct).ConfigureAwait(false))
        {
            // Written since it was read (a wallet edit, or another sync's write): never overwrite it with a decision
            // taken on the old version; the queue retries against the current one.
            throw new MappingConflictException(existing.Id);
        }

        if (!await mappings.UpsertAsync(plan.Mapping, mapping?.Version, ct).ConfigureAwait(false))
        {
            throw new MappingConflictException(applied.Id);
        }

        NoteApplied(remote);
        if (plan.SummaryProblem is { } problem)
        {
            // The user is told (audit, shown in the activity log) that Google's summary edit was taken only in part.
            await auditor.RecordAsync(problem, auditor.StartTimestamp(), ct).ConfigureAwait(false);
        }

        return applied;
    }

    /// <summary>What <see cref="ApplyRemoteAsync"/> writes, computed without writing anything: the wallet event, its
    /// mapping row (to be written at <paramref name="mapping"/>'s version) and the audit entry of a summary whose amount
    /// could not be read (null when it could).</summary>
    internal RemoteApplication PlanRemote(CalendarSyncSettings settings, FinancialEvent? existing, CalendarSyncMapping? mapping,
        GoogleEvent remote)
    {
        var defaults = new GoogleImportDefaults(settings.UserId, options.Value.DefaultCurrency, options.Value.DefaultTimeZone,
            settings.ImportedEventType ?? EventType.Reminder);
        var basis = LastSynced(existing, mapping);
        var applied = mapper.ApplyGoogleChanges(basis, remote, defaults) with { DeletedAt = null };
        var row = MappingRow(settings, applied.Id, mapping, remote, mapper.ContentHash(applied), EventContentHash.Compute(remote),
            SyncSource.Google, remote.Updated ?? time.GetUtcNow(), SyncedValues.Of(applied));
        var problem = mapper.SummaryProblem(basis, remote) is { } text
            ? AuditEntry.Of(settings.UserId, AuditAction.SyncFromGoogle, AuditOutcome.Success) with
            {
                FinancialEventId = applied.Id,
                GoogleEventId = remote.Id,
                EventTitle = applied.Title,
                ErrorCode = SummaryAmountUnreadCode,
                Details = text,
            }
            : null;
        return new RemoteApplication(applied, row, problem);
    }

    /// <summary>Google's version <paramref name="remote"/> reached the wallet: its propagation lag is measured.</summary>
    internal void NoteApplied(GoogleEvent remote)
    {
        if (remote.Updated is { } updated)
        {
            telemetry.RecordPropagationLag(SyncDirection.FromGoogle, time.GetUtcNow() - updated);
        }
    }

    /// <summary>The wallet event as last synced in the fields a Google event may not carry (<paramref name="local"/>'s
    /// own values when the mapping does not know them): what a Google version applied over it falls back to.</summary>
    public static FinancialEvent? LastSynced(FinancialEvent? local, CalendarSyncMapping? mapping) =>
        local is not null && mapping?.Synced is { } synced ? synced.ApplyTo(local) : local;

    /// <summary>Records that Google now holds the wallet's version of <paramref name="local"/> (<paramref name="written"/>,
    /// hashing to <paramref name="contentHash"/>) and measures the propagation lag from the wallet's last change.</summary>
    public async Task SavePushedAsync(CalendarSyncSettings settings, FinancialEvent local, CalendarSyncMapping? mapping,
        GoogleEvent written, string contentHash, CancellationToken ct)
    {
        await SaveMappingAsync(settings, local.Id, mapping, written, contentHash, contentHash, SyncSource.Aegis, local.UpdatedAt,
            SyncedValues.Of(local), ct).ConfigureAwait(false);
        telemetry.RecordPropagationLag(SyncDirection.ToGoogle, time.GetUtcNow() - local.UpdatedAt);
    }

    /// <summary>Soft-deletes the wallet event because Google deleted it, and forgets the mapping; only while the
    /// event is still the version the decision was taken on (<paramref name="local"/>): a wallet write since then
    /// throws <see cref="MappingConflictException"/> and the queue retries against it.</summary>
    public async Task DeleteLocalAsync(FinancialEvent local, CancellationToken ct)
    {
        if (local.DeletedAt is null && !await events.SoftDeleteIfUnchangedAsync(local.UserId, local.Id, SyncSource.Google, time.GetUtcNow(),
                local.UpdatedAt, ct).ConfigureAwait(false))
        {
            throw new MappingConflictException(local.Id);
        }

        await mappings.DeleteAsync(local.UserId, local.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Records what Google now holds for the event: its etag (for the next If-Match), the wallet-rendered
    /// hash of the version both sides agree on (<paramref name="contentHash"/>) and the hash of Google's rendering of
    /// it (<paramref name="remoteContentHash"/>; stored as null when the two are equal), with that version's wallet-side
    /// values Google may not carry (<paramref name="synced"/>; null when unknown).</summary>
    public async Task SaveMappingAsync(CalendarSyncSettings settings, Guid financialEventId, CalendarSyncMapping? mapping,
        GoogleEvent remote, string? contentHash, string remoteContentHash, SyncSource source, DateTimeOffset lastModifiedAt,
        SyncedValues? synced, CancellationToken ct)
    {
        var row = MappingRow(settings, financialEventId, mapping, remote, contentHash, remoteContentHash, source, lastModifiedAt, synced);
        if (!await mappings.UpsertAsync(row, mapping?.Version, ct).ConfigureAwait(false))
        {
            throw new MappingConflictException(financialEventId);
        }
    }

    /// <summary>The mapping row <see cref="SaveMappingAsync"/> writes (its version: <paramref name="mapping"/>'s, the one
    /// the write is conditioned on).</summary>
    internal CalendarSyncMapping MappingRow(CalendarSyncSettings settings, Guid financialEventId, CalendarSyncMapping? mapping,
        GoogleEvent remote, string? contentHash, string remoteContentHash, SyncSource source, DateTimeOffset lastModifiedAt,
        SyncedValues? synced) =>
        new()
        {
            UserId = settings.UserId,
            FinancialEventId = financialEventId,
            GoogleCalendarId = mapping?.GoogleCalendarId ?? settings.CalendarId,
            GoogleEventId = remote.Id ?? mapping?.GoogleEventId ?? throw new InvalidOperationException("Google returned an event without an id."),
            GoogleEtag = remote.Etag,
            ContentHash = contentHash,
            RemoteContentHash = remoteContentHash == contentHash ? null : remoteContentHash,
            HtmlLink = remote.HtmlLink ?? mapping?.HtmlLink,
            SyncSource = source,
            LastModifiedAt = lastModifiedAt,
            LastSyncedAt = time.GetUtcNow(),
            Version = mapping?.Version ?? 0,
            ConnectionId = settings.ConnectionId,
            Synced = synced,
        };

    /// <summary>Records that <paramref name="mapping"/>, made under an earlier connection, was seen under the current one
    /// (Google still holds the event): same etag and content hash, the current connection. Returns the stored row.</summary>
    public async Task<CalendarSyncMapping> RebindAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, CancellationToken ct)
    {
        await SaveMappingAsync(settings, mapping.FinancialEventId, mapping,
            new GoogleEvent { Id = mapping.GoogleEventId, Etag = mapping.GoogleEtag }, mapping.ContentHash,
            mapping.RemoteContentHash ?? mapping.ContentHash ?? "", mapping.SyncSource,
            mapping.LastModifiedAt, mapping.Synced, ct).ConfigureAwait(false);
        return await mappings.GetByEventAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false)
            ?? throw new MappingConflictException(mapping.FinancialEventId);
    }

    /// <summary>Keeps the agreed content hash but remembers Google's newer etag and rendering, so the pending outbound
    /// write of a local edit that won a conflict passes If-Match without a second round trip, and a later echo of
    /// this Google version is recognised.</summary>
    public async Task AdoptEtagAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, GoogleEvent remote, CancellationToken ct)
    {
        if (!await mappings.UpsertAsync(AdoptedEtag(settings, mapping, remote), mapping.Version, ct).ConfigureAwait(false))
        {
            throw new MappingConflictException(mapping.FinancialEventId);
        }
    }

    /// <summary>The mapping row <see cref="AdoptEtagAsync"/> writes.</summary>
    internal CalendarSyncMapping AdoptedEtag(CalendarSyncSettings settings, CalendarSyncMapping mapping, GoogleEvent remote) =>
        MappingRow(settings, mapping.FinancialEventId, mapping, remote, mapping.ContentHash, EventContentHash.Compute(remote),
            mapping.SyncSource, mapping.LastModifiedAt, mapping.Synced);
}

/// <summary>Google's version of one event as the wallet takes it (<see cref="SyncStateWriter.PlanRemote"/>): the event,
/// its mapping row and, when the summary's amount could not be read, the audit entry saying so.</summary>
internal sealed record RemoteApplication(FinancialEvent Applied, CalendarSyncMapping Mapping, AuditEntry? SummaryProblem);
