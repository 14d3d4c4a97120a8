using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.EventSync;

/// <summary>What the store knows about one live event's sync, read in one statement for all of a user's events: the
/// newest outbound queue item not completed yet, open conflicts, a deletion from Google held by the mass-delete guard, the mapping (null when Google has never held it) and
/// the newest inbound failure of its Google event or one of its instances.</summary>
public sealed record EventSyncFacts(
    Guid EventId,
    QueueStatus? QueueStatus,
    int RetryCount,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    long OpenConflicts,
    bool HeldDeletion,
    string? InboundFailure,
    bool Mapped,
    DateTimeOffset? LastSyncedAt,
    string? HtmlLink);
