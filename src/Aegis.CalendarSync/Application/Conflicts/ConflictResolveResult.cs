using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>Answer to a manual resolution: resolved (the conflict as stored now), no such conflict of this user, or
/// already closed (nothing changed; its current status), or refused (a merge that cannot apply; nothing changed).</summary>
public abstract record ConflictResolveResult
{
    private ConflictResolveResult() { }

    public sealed record Resolved(SyncConflict Conflict) : ConflictResolveResult;

    public sealed record NotFound : ConflictResolveResult
    {
        public static readonly NotFound Instance = new();
    }

    public sealed record AlreadyClosed(SyncConflict Conflict) : ConflictResolveResult;

    public sealed record Refused(string Reason) : ConflictResolveResult;
}
