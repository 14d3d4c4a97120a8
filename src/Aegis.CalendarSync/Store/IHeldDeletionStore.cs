using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

/// <summary>Deletions from Google held back by the mass-delete guard. Every method is scoped by user id.</summary>
public interface IHeldDeletionStore
{
    /// <summary>Holds all of <paramref name="held"/> in one transaction; an event already held keeps its first row.</summary>
    Task HoldAsync(IReadOnlyCollection<HeldDeletion> held, CancellationToken ct);
    /// <summary>The user's held deletions, oldest first.</summary>
    Task<IReadOnlyList<HeldDeletion>> ListAsync(Guid userId, CancellationToken ct);
    /// <summary>Forgets one held deletion (the user decided); false when it was not held.</summary>
    Task<bool> ReleaseAsync(Guid userId, Guid financialEventId, CancellationToken ct);
}
