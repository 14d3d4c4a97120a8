using Aegis.CalendarSync.Model;


namespace Aegis.CalendarSync.Application.Progress;

/// <summary>One user's queue items by status (value equality: the feed publishes only when it changes).</summary>
public sealed record QueueCounts(long Pending, long Processing, long Completed, long Failed)
{
    public static readonly QueueCounts Empty = new(0, 0, 0, 0);

    public long this[QueueStatus status] => status switch
    {
        QueueStatus.Pending => Pending,
        QueueStatus.Processing => Processing,
        QueueStatus.Completed => Completed,
        QueueStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Builds the counts from (status text, count) rows; unknown statuses are ignored.</summary>
    public static QueueCounts From(IEnumerable<(string Status, long Count)> rows)
    {
        var counts = Empty;
        foreach (var (text, count) in rows)
        {
            if (!WireEnum.TryParse<QueueStatus>(text, out var status)) continue;
            counts = status switch
            {
                QueueStatus.Pending => counts with { Pending = count },
                QueueStatus.Processing => counts with { Processing = count },
                QueueStatus.Completed => counts with { Completed = count },
                _ => counts with { Failed = count },
            };
        }
        return counts;
    }
}
