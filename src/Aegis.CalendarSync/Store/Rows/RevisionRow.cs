namespace Aegis.CalendarSync.Store.Rows;

/// <summary>The revision column joined to a <see cref="FinancialEventRow"/> (Dapper multi-mapping splits on it).</summary>
internal sealed class RevisionRow
{
    public long Revision { get; init; }
}
