using System.Text.Json;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>The rows of one multi-row statement, bound as a single JSON parameter (<see cref="SqlDialect.JsonRows"/>):
/// column names (prefixed <c>n_</c> so they never clash with a table's own columns) and their PostgreSQL types.</summary>
internal sealed class BatchRows(SqlDialect dialect, params (string Name, string Type)[] columns)
{
    public const string Alias = "n";

    private readonly (string Name, string Type)[] _columns = [.. columns.Select(c => ("n_" + c.Name, c.Type))];
    private readonly List<Dictionary<string, object?>> _rows = [];

    public int Count => _rows.Count;

    /// <summary>Adds a row: one value per column, in column order, already bound by the dialect (Id, Time).</summary>
    public void Add(params object?[] values)
    {
        if (values.Length != _columns.Length) throw new ArgumentException($"Expected {_columns.Length} values.", nameof(values));
        _rows.Add(_columns.Select((c, i) => (c.Name, values[i])).ToDictionary(p => p.Name, p => p.Item2));
    }

    /// <summary>The FROM item reading the rows from <paramref name="parameter"/>.</summary>
    public string From(string parameter) => dialect.JsonRows(parameter, Alias, _columns);

    /// <summary>The parameter's value.</summary>
    public string Json() => JsonSerializer.Serialize(_rows);

    /// <summary><c>n.n_{name}</c>: a column of the rows in a statement.</summary>
    public static string Column(string name) => $"{Alias}.n_{name}";
}
