namespace Aegis.CalendarSync.Model;

/// <summary>Groups of <see cref="AuditAction"/> the readers treat alike.</summary>
public static class AuditActionGroups
{
    /// <summary>The account's own actions (sign-ins, sign-up, the calendar subscription link), not the sync's: they stay
    /// in the audit log (the security history) but are not live sync activity, and their failures are not sync
    /// failures.</summary>
    public static readonly IReadOnlyList<AuditAction> Account =
        [AuditAction.SignIn, AuditAction.SignUp, AuditAction.FeedTokenIssued, AuditAction.FeedTokenRegenerated, AuditAction.FeedTokenRevoked];
}
