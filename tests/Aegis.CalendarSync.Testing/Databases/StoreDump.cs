using System.Data.Common;
using System.Globalization;
using System.Text;
using Aegis.CalendarSync.Store.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Testing.Databases;

/// <summary>Every row of every table of the store as text (tables by name, rows sorted), so "the store did not change"
/// is one string comparison on either engine. <c>google_rate_budget</c> and <c>google_project_rate_budget</c> are left out: they are the shared pacing of Google
/// requests (each request, a read too, reserves its slot there on PostgreSQL), not anyone's data.</summary>
public static class StoreDump
{
    private static readonly HashSet<string> Excluded = new(StringComparer.OrdinalIgnoreCase) { "google_rate_budget", "google_project_rate_budget" };

    public static async Task<string> TakeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = connection.GetType().Name.Contains("Sqlite", StringComparison.Ordinal)
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }

        var dump = new StringBuilder();
        foreach (var table in tables.Where(t => !Excluded.Contains(t)))
        {
            dump.Append("## ").AppendLine(table);
            foreach (var row in await RowsAsync(connection, table, ct)) dump.AppendLine(row);
        }

        return dump.ToString();
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string table, CancellationToken ct)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM {table}";
        await using var reader = await select.ExecuteReaderAsync(ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            var cells = Enumerable.Range(0, reader.FieldCount)
                .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))}");
            rows.Add(string.Join(" | ", cells));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
