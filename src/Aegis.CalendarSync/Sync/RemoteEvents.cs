using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Batch;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Sync.Batching;

namespace Aegis.CalendarSync.Sync;

/// <summary>Reads and writes of one Google event addressed by a <see cref="GoogleEventRef"/>. Guarantees: a read
/// never throws for an event that is gone (404/410) but returns a tombstone; a delete of an event that is gone counts
/// as done; updates and deletes carry the reference's etag as If-Match, so a 412 (Google changed it since) propagates
/// for the caller's conflict rule. Inserts, updates and deletes made inside a claimed batch's outbound items join its
/// <see cref="GoogleWriteBatch"/> (one batch request for the writes of an account), with the same result or typed
/// exception as the plain call.</summary>
public sealed class RemoteEvents(IGoogleCalendarClient google)
{
    /// <summary>Google's current version of the event. When Google answers 404 or 410 the result is a cancelled
    /// tombstone with no etag and no <c>updated</c>; Google never returns an event without an etag, so
    /// <see cref="IsGone"/> tells a synthesized tombstone from one Google still keeps.</summary>
    public async Task<GoogleEvent> GetAsync(GoogleAccount account, GoogleEventRef target, CancellationToken ct)
    {
        try
        {
            return await google.GetEventAsync(account, target.CalendarId, target.EventId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotFoundException or ResourceDeletedException)
        {
            return new GoogleEvent { Id = target.EventId, Status = GoogleEvent.StatusCancelled };
        }
    }

    /// <summary>True for the tombstone <see cref="GetAsync"/> returns when Google no longer has the event at all.</summary>
    public static bool IsGone(GoogleEvent remote) => remote.IsCancelled && remote.Etag is null;

    /// <summary>Inserts under the event's deterministic id. When the id exists (an earlier attempt succeeded but its
    /// response was lost, or the event was deleted in Google and a tombstone keeps its id) the existing event is
    /// adopted, a tombstone revived by updating it back to confirmed. Before adopting, <paramref name="beforeAdopting"/>
    /// runs once Google's copy is read: it throws when another writer of the engine linked the event meanwhile (its
    /// insert is the one that exists), so that copy, and any edit a person made to it since, is never written over
    /// here but left to the conflict rule of a retry against that writer's state.</summary>
    public async Task<GoogleEvent> InsertAsync(GoogleAccount account, string calendarId, GoogleEvent desired, CancellationToken ct,
        Func<CancellationToken, Task>? beforeAdopting = null)
    {
        try
        {
            return (await WriteAsync(account, GoogleBatchOperation.Insert(calendarId, desired), ct).ConfigureAwait(false))!;
        }
        catch (DuplicateException)
        {
            var existing = await google.GetEventAsync(account, calendarId, desired.Id!, ct).ConfigureAwait(false);
            if (beforeAdopting is not null)
            {
                await beforeAdopting(ct).ConfigureAwait(false);
            }

            if (!existing.IsCancelled && EventContentHash.Compute(existing) == EventContentHash.Compute(desired))
            {
                return existing;
            }

            return await google.UpdateEventAsync(account, calendarId, desired.Id!, desired, existing.Etag, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <paramref name="desired"/> with If-Match <see cref="GoogleEventRef.Etag"/>.</summary>
    public async Task<GoogleEvent> UpdateAsync(GoogleAccount account, GoogleEventRef target, GoogleEvent desired, CancellationToken ct) =>
        (await WriteAsync(account, GoogleBatchOperation.Update(target.CalendarId, target.EventId, desired, target.Etag), ct).ConfigureAwait(false))!;

    /// <summary>Puts the wallet's version in place of <paramref name="current"/> (Google's version just read): an
    /// update conditioned on it, or, when the event is gone, an insert under the same id on the same calendar.</summary>
    public Task<GoogleEvent> OverwriteAsync(GoogleAccount account, GoogleEventRef target, GoogleEvent desired, GoogleEvent current,
        CancellationToken ct) =>
        IsGone(current)
            ? InsertAsync(account, target.CalendarId, desired with { Id = target.EventId }, ct)
            : UpdateAsync(account, target.At(current.Etag), desired, ct);

    /// <summary>The write through the running batch, if any, else as a plain call.</summary>
    private Task<GoogleEvent?> WriteAsync(GoogleAccount account, GoogleBatchOperation call, CancellationToken ct) =>
        GoogleWriteBatch.Current is { } batch ? batch.WriteAsync(account, call, ct) : GoogleWrites.SendAsync(google, account, call, ct);

    /// <summary>Deletes with If-Match <see cref="GoogleEventRef.Etag"/>; an event already gone (404/410) counts as deleted.</summary>
    public async Task DeleteAsync(GoogleAccount account, GoogleEventRef target, CancellationToken ct)
    {
        try
        {
            await WriteAsync(account, GoogleBatchOperation.Delete(target.CalendarId, target.EventId, target.Etag), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotFoundException or ResourceDeletedException)
        {
            // Already gone in Google: the deletion has converged.
        }
    }
}
