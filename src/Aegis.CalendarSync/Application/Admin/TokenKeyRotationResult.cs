namespace Aegis.CalendarSync.Application.Admin;

/// <summary>One rotation run: rows re-encrypted, rows already under the current key, rows whose secrets changed while
/// being re-encrypted (written concurrently by a token refresh or channel registration, which seal with the current key; a later run
/// checks them), and rows left for a later run by the limit.</summary>
public sealed record TokenKeyRotationResult(int Rotated, int AlreadyCurrent, int ChangedConcurrently, int Remaining)
{
    /// <summary>True when no row is left under a retired key as far as this run knows.</summary>
    public bool Complete => Remaining == 0 && ChangedConcurrently == 0;
}
