namespace Aegis.CalendarSync.Model;

/// <summary>Why a queue item's last attempt failed, in the user's terms (read from its stored last_error by
/// <see cref="Sync.FailureReasons"/>). On the wire as snake_case text (access_revoked, google_unavailable ...).</summary>
public enum FailureCause
{
    AccessRevoked,
    NotConnected,
    SignInRejected,
    RateLimited,
    GoogleUnavailable,
    Network,
    Timeout,
    InvalidRequest,
    NotFound,
    AccessDenied,
    AlreadyDeleted,
    ChangedConcurrently,
    Unsupported,
    Unknown,
}
