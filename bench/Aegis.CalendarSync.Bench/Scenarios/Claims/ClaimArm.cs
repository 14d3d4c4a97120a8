namespace Aegis.CalendarSync.Bench.Scenarios.Claims;

/// <summary>One side of a claim comparison: how many rows are queued, their shape, and which claim runs.</summary>
public sealed record ClaimArm(int Rows, BacklogShape Shape, ClaimStatement Statement)
{
    public override string ToString() =>
        $"{(Statement == ClaimStatement.Current ? "current claim" : "seed claim")}, {Rows:N0} rows" +
        (Shape == BacklogShape.MostlyBackingOff ? $" ({Math.Max(0, Rows - ClaimBacklog.DueWhenBackingOff):N0} backing off)" : " (all due)");
}
