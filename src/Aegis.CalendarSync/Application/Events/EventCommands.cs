using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Events;

/// <summary>The wallet's event writes and reads, for the API and the UI alike. Every write goes through the store,
/// whose trigger enqueues the Google push in the same transaction and wakes the queue; validation is
/// <see cref="EventInputValidator"/>, once. Every call is scoped by the caller's user id.</summary>
public sealed class EventCommands(IFinancialEventStore events, TimeProvider time)
{
    public Task<FinancialEvent?> GetAsync(Guid userId, Guid id, CancellationToken ct) => events.GetAsync(userId, id, ct);

    public Task<IReadOnlyList<FinancialEvent>> ListAsync(Guid userId, EventQuery query, CancellationToken ct) =>
        events.ListAsync(userId, query, ct);

    public async Task<EventCommandResult> CreateAsync(Guid userId, EventInput input, CancellationToken ct)
    {
        var errors = EventInputValidator.Validate(input);
        if (errors.Count > 0) return new EventCommandResult.Invalid(errors);

        var now = time.GetUtcNow();
        var created = EventInputValidator.ToEvent(input, Guid.CreateVersion7(now), userId, now, now);
        await events.InsertAsync(created, ct).ConfigureAwait(false);
        return await StoredAsync(created, ct).ConfigureAwait(false);
    }

    /// <summary>Full update. An unknown id is reported before the input is validated (the API's order).</summary>
    public async Task<EventCommandResult> UpdateAsync(Guid userId, Guid id, EventInput input, CancellationToken ct)
    {
        if (await events.GetAsync(userId, id, ct).ConfigureAwait(false) is not { } existing) return EventCommandResult.NotFound.Instance;
        var errors = EventInputValidator.Validate(input);
        if (errors.Count > 0) return new EventCommandResult.Invalid(errors);

        var updated = EventInputValidator.ToEvent(input, id, userId, existing.CreatedAt, time.GetUtcNow());
        if (!await events.UpdateAsync(updated, ct).ConfigureAwait(false)) return EventCommandResult.NotFound.Instance;
        return await StoredAsync(updated, ct).ConfigureAwait(false);
    }

    /// <summary>Soft delete (the row stays, restorable; the Google copy is deleted by the queue); false when the
    /// event does not exist for the user or is already deleted.</summary>
    public Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken ct) =>
        events.SoftDeleteAsync(userId, id, SyncSource.Aegis, time.GetUtcNow(), ct);

    /// <summary>Undoes a soft delete: the event is live again and its push re-creates (or revives) the Google copy.
    /// Restoring a live event changes nothing and answers its row; an unknown id is <see cref="EventCommandResult.NotFound"/>.</summary>
    public async Task<EventCommandResult> RestoreAsync(Guid userId, Guid id, CancellationToken ct)
    {
        if (await events.GetAsync(userId, id, ct, includeDeleted: true).ConfigureAwait(false) is not { } existing)
            return EventCommandResult.NotFound.Instance;
        if (existing.DeletedAt is not null) await events.RestoreAsync(userId, id, ct).ConfigureAwait(false);
        return await StoredAsync(existing, ct).ConfigureAwait(false);
    }

    /// <summary>The Trash: the user's soft-deleted events, most recently deleted first (kept for Trash:Retention).</summary>
    public Task<IReadOnlyList<FinancialEvent>> ListTrashAsync(Guid userId, int limit, CancellationToken ct) =>
        events.ListDeletedAsync(userId, limit, ct);

    /// <summary>Answers with the row as stored (the store keeps microsecond precision), so a later read is equal.</summary>
    private async Task<EventCommandResult> StoredAsync(FinancialEvent written, CancellationToken ct) =>
        new EventCommandResult.Saved(await events.GetAsync(written.UserId, written.Id, ct).ConfigureAwait(false) ?? written);
}
