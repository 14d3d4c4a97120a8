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
    SyncTelemetry telemetry,
    IOptions<SyncEngineOptions> options,
    TimeProvider time)
{
    /// <summary>Creates or updates the wallet event from <paramref name="remote"/> and records the remote etag and
    /// content hash, so the echo of this very version is recognised later. Clears a soft delete (a Google-wins restore).</summary>
    public async Task<FinancialEvent> ApplyRemoteAsync(CalendarSyncSettings settings, FinancialEvent? existing,
        CalendarSyncMapping? mapping, GoogleEvent remote, CancellationToken ct)
    {
        var defaults = new GoogleImportDefaults(settings.UserId, options.Value.DefaultCurrency, options.Value.DefaultTimeZone);
        var applied = mapper.ApplyGoogleChanges(existing, remote, defaults) with { DeletedAt = null };
        if (existing is null)
        {
            await events.InsertAsync(applied, ct).ConfigureAwait(false);
        }
        else if (!await events.UpdateAsync(applied, ct).ConfigureAwait(false))
        {
            throw new MappingConflictException(existing.Id);
        }

        await SaveMappingAsync(settings, applied.Id, mapping, remote, EventContentHash.Compute(remote), SyncSource.Google,
            remote.Updated ?? time.GetUtcNow(), ct).ConfigureAwait(false);
        if (remote.Updated is { } updated)
        {
            telemetry.RecordPropagationLag(SyncDirection.FromGoogle, time.GetUtcNow() - updated);
        }

        return applied;
    }

    /// <summary>Records that Google now holds the wallet's version of <paramref name="local"/> (<paramref name="written"/>,
    /// hashing to <paramref name="contentHash"/>) and measures the propagation lag from the wallet's last change.</summary>
    public async Task SavePushedAsync(CalendarSyncSettings settings, FinancialEvent local, CalendarSyncMapping? mapping,
        GoogleEvent written, string contentHash, CancellationToken ct)
    {
        await SaveMappingAsync(settings, local.Id, mapping, written, contentHash, SyncSource.Aegis, local.UpdatedAt, ct).ConfigureAwait(false);
        telemetry.RecordPropagationLag(SyncDirection.ToGoogle, time.GetUtcNow() - local.UpdatedAt);
    }

    /// <summary>Soft-deletes the wallet event because Google deleted it, and forgets the mapping.</summary>
    public async Task DeleteLocalAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        await events.SoftDeleteAsync(userId, financialEventId, SyncSource.Google, time.GetUtcNow(), ct).ConfigureAwait(false);
        await mappings.DeleteAsync(userId, financialEventId, ct).ConfigureAwait(false);
    }

    /// <summary>Records what Google now holds for the event: its etag (for the next If-Match) and the content hash
    /// of the version both sides agree on.</summary>
    public async Task SaveMappingAsync(CalendarSyncSettings settings, Guid financialEventId, CalendarSyncMapping? mapping,
        GoogleEvent remote, string contentHash, SyncSource source, DateTimeOffset lastModifiedAt, CancellationToken ct)
    {
        var row = new CalendarSyncMapping
        {
            UserId = settings.UserId,
            FinancialEventId = financialEventId,
            GoogleCalendarId = mapping?.GoogleCalendarId ?? settings.CalendarId,
            GoogleEventId = remote.Id ?? mapping?.GoogleEventId ?? throw new InvalidOperationException("Google returned an event without an id."),
            GoogleEtag = remote.Etag,
            ContentHash = contentHash,
            SyncSource = source,
            LastModifiedAt = lastModifiedAt,
            LastSyncedAt = time.GetUtcNow(),
            Version = mapping?.Version ?? 0,
            ConnectionId = settings.ConnectionId,
        };
        if (!await mappings.UpsertAsync(row, mapping?.Version, ct).ConfigureAwait(false))
        {
            throw new MappingConflictException(financialEventId);
        }
    }

    /// <summary>Records that <paramref name="mapping"/>, made under an earlier connection, was seen under the current one
    /// (Google still holds the event): same etag and content hash, the current connection. Returns the stored row.</summary>
    public async Task<CalendarSyncMapping> RebindAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, CancellationToken ct)
    {
        await SaveMappingAsync(settings, mapping.FinancialEventId, mapping,
            new GoogleEvent { Id = mapping.GoogleEventId, Etag = mapping.GoogleEtag }, mapping.ContentHash ?? "", mapping.SyncSource,
            mapping.LastModifiedAt, ct).ConfigureAwait(false);
        return await mappings.GetByEventAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false)
            ?? throw new MappingConflictException(mapping.FinancialEventId);
    }

    /// <summary>Keeps the agreed content hash but remembers Google's newer etag, so the pending outbound write of a
    /// local edit that won a conflict passes If-Match without a second round trip.</summary>
    public Task AdoptEtagAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, GoogleEvent remote, CancellationToken ct) =>
        SaveMappingAsync(settings, mapping.FinancialEventId, mapping, remote, mapping.ContentHash ?? "", mapping.SyncSource,
            mapping.LastModifiedAt, ct);
}
