namespace Aegis.CalendarSync.Queue;

/// <summary>Marker for a failure that no retry can fix (bad request, revoked grant...): the queue dead-letters
/// the item at once instead of spending its retries.</summary>
public interface IPermanentFailure
{
}
