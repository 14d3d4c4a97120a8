namespace Aegis.CalendarSync.Application.Progress;

/// <summary>Read-only queries behind the live stream, batched over many users so one poll serves every stream.</summary>
public interface ISyncProgressReader
{
    /// <summary>Queue counts and connection state of each given user (users without rows get zeros / not connected).</summary>
    Task<IReadOnlyDictionary<Guid, UserProgress>> ReadProgressAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    /// <summary>Audit rows of the given users with id greater than <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<UserActivity>> ReadActivityAfterAsync(IReadOnlyCollection<Guid> userIds, long afterId, int limit, CancellationToken ct);

    /// <summary>The user's latest audit rows, newest first.</summary>
    Task<IReadOnlyList<ActivityEntry>> ReadLatestActivityAsync(Guid userId, int limit, CancellationToken ct);
}
