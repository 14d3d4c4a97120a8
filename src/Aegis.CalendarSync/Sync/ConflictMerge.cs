namespace Aegis.CalendarSync.Sync;

/// <summary>The user's per-field pick for a conflict: the title from one side, the amount (with its currency) from
/// one side, and everything else (date and time, status, recurrence, notes, location, type) from one side. The merged
/// version is written to the wallet and to Google, so both hold it afterwards.</summary>
public sealed record ConflictMerge(ConflictSide Title, ConflictSide Amount, ConflictSide Other)
{
    /// <summary>Every field from one side: the same result as keeping that side's version.</summary>
    public bool IsWhole(out ConflictSide side)
    {
        side = Other;
        return Title == Other && Amount == Other;
    }
}
