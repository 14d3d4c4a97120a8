namespace Aegis.CalendarSync.Model;

/// <summary>What an audit row (calendar_sync_audit.action) records; the seed's vocabulary. Stored and sent on the wire
/// as snake_case text (SyncToGoogle -> sync_to_google).</summary>
public enum AuditAction
{
    SyncToGoogle,
    DeleteInGoogle,
    SyncFromGoogle,
    DeleteFromGoogle,
    IncrementalSync,
    FullSync,
    Conflict,
    ConflictResolved,
    SyncFailed,
    SyncDisabled,
    Connected,
    Disconnected,
    ChannelRenewed,
    CalendarSwitched,
    /// <summary>Read-only: rows written by the host's renewal job before the renewal policy moved into the engine.
    /// Nothing writes it now; a renewal given up after its retries is <see cref="ChannelRenewed"/> with outcome failed.</summary>
    ChannelRenewal,
    /// <summary>A sign-in attempt of the host (token endpoint or login form): success, or failed with the reason code
    /// invalid_credentials / locked_out / refused_while_locked_out / rate_limited.</summary>
    SignIn,
    /// <summary>An account created through the sign-up page (Accounts:AllowSignUp).</summary>
    SignUp,
    /// <summary>The private calendar feed: a first link, a replacement (the old one revoked) and a revocation.</summary>
    FeedTokenIssued,
    FeedTokenRegenerated,
    FeedTokenRevoked,
    /// <summary>A dead letter made obsolete (e.g. by a successful full sync) marked resolved, not retried; error_code is
    /// the <see cref="DeadLetterResolution"/>, error_message the failure it had.</summary>
    DeadLetterResolved,
    /// <summary>A dead letter sent back to the queue by the engine itself (its failure was fixed by a reconnect).</summary>
    DeadLetterRequeued,
    /// <summary>The user's go-ahead for the first sync of a connection, after its preview (details: the dedicated
    /// calendar it created, if any).</summary>
    SyncStarted,
}
