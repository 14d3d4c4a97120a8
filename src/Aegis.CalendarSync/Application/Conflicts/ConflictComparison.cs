namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>Both versions of a conflicting event field by field in plain words, with when each side last changed
/// it (the deletion time for a side that deleted it; null when Google did not say). <see cref="Title"/> names the
/// event (the wallet's title, else Google's).</summary>
public sealed record ConflictComparison(
    string Title,
    IReadOnlyList<ConflictFieldComparison> Fields,
    DateTimeOffset? WalletChangedAt,
    DateTimeOffset? GoogleChangedAt,
    bool WalletDeleted,
    bool GoogleDeleted,
    bool OfOccurrence)
{
    /// <summary>Fields can be combined only when both sides still have the event and it is not one date of a series.</summary>
    public bool CanMerge => !WalletDeleted && !GoogleDeleted && !OfOccurrence;

    public IEnumerable<ConflictFieldComparison> Differing => Fields.Where(f => f.Differs);
}
