using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Tests.Sync.Convergence;

/// <summary>An event a case created (on either side) with every person's write to it and to its occurrences.</summary>
public sealed class TrackedEvent(Guid walletId, string googleId, EventShape shape, DateOnly firstDay)
{
    public Guid WalletId { get; } = walletId;
    public string GoogleId { get; } = googleId;
    public EventShape Shape { get; } = shape;
    public DateOnly FirstDay { get; } = firstDay;
    public bool IsSeries => Shape == EventShape.MonthlySeries;
    public List<RecordedWrite<EventContent>> Writes { get; } = [];

    /// <summary>Writes to one occurrence (by index in the series) that set what its status is.</summary>
    public Dictionary<int, List<RecordedWrite<OccurrenceStatus>>> OccurrenceWrites { get; } = [];

    /// <summary>The write with the latest clock: last write wins.</summary>
    public RecordedWrite<EventContent> LastWrite => Writes.MaxBy(w => w.At)!;

    public DateOnly OccurrenceDay(int index) => FirstDay.AddMonths(index);
}
