using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>Answer to a manual resolution: resolved (the conflict as stored now), no such conflict of this user, or
/// already closed (nothing changed; its current status).</summary>
public abstract record ConflictResolveResult
{
    private ConflictResolveResult() { }

    public sealed record Resolved(SyncConflict Conflict) : ConflictResolveResult;

    public sealed record NotFound : ConflictResolveResult
    {
        public static readonly NotFound Instance = new();
    }

    public sealed record AlreadyClosed(SyncConflict Conflict) : ConflictResolveResult;
}
