using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Sync;

/// <summary>The per-user conflict rule, applied when both sides changed since the last sync.</summary>
internal static class ConflictPolicy
{
    /// <summary>Last-write-wins compares Google's <c>updated</c> with the wallet's last modification; an equal
    /// instant means both already hold the same write.</summary>
    public static ConflictWinner Decide(ConflictStrategy strategy, DateTimeOffset localModifiedAt, DateTimeOffset? googleUpdatedAt) =>
        strategy switch
        {
            ConflictStrategy.LocalWins => ConflictWinner.Local,
            ConflictStrategy.GoogleWins => ConflictWinner.Google,
            ConflictStrategy.Manual => ConflictWinner.User,
            _ when googleUpdatedAt is null => ConflictWinner.Local,
            _ when googleUpdatedAt > localModifiedAt => ConflictWinner.Google,
            _ when googleUpdatedAt < localModifiedAt => ConflictWinner.Local,
            _ => ConflictWinner.Neither,
        };
}
