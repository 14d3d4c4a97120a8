using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>A conflict the user's strategy settled on its own (audited when detected): which side was kept, by which
/// rule, and the comparison of both versions, so the user can see what was overwritten.</summary>
public sealed record AutoResolvedConflict(long AuditId, DateTimeOffset At, ConflictStrategy Strategy, ConflictSide Kept,
    Guid? FinancialEventId, ConflictComparison Comparison)
{
    public ConflictSide Overwritten => Kept == ConflictSide.Wallet ? ConflictSide.Google : ConflictSide.Wallet;
}
