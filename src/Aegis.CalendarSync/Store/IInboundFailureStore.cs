using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

/// <summary>Inbound changes that could not be applied, one row per user and Google event.</summary>
public interface IInboundFailureStore
{
    /// <summary>Records a failure at <paramref name="at"/>: a new row with one attempt, or the existing row with its
    /// attempts incremented and reason and last failure replaced.</summary>
    Task RecordAsync(Guid userId, string googleCalendarId, string googleEventId, string reason, DateTimeOffset at, CancellationToken ct);

    /// <summary>Forgets the failure (the event was applied since); true when a row was removed.</summary>
    Task<bool> ClearAsync(Guid userId, string googleCalendarId, string googleEventId, CancellationToken ct);

    /// <summary>The user's failures, oldest first.</summary>
    Task<IReadOnlyList<InboundFailure>> ListAsync(Guid userId, CancellationToken ct);
}
