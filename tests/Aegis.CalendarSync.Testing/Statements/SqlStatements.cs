namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>The statements of a command text, as <see cref="StatementCounter"/> counts them.</summary>
public static class SqlStatements
{
    /// <summary>Splits at semicolons outside single quotes; empty pieces are dropped, each piece is trimmed.</summary>
    public static IReadOnlyList<string> Split(string sql)
    {
        var result = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] == '\'') quoted = !quoted;
            else if (sql[i] == ';' && !quoted)
            {
                result.Add(sql[start..i]);
                start = i + 1;
            }
        }

        result.Add(sql[start..]);
        return [.. result.Select(s => s.Trim()).Where(s => s.Length > 0)];
    }

    /// <summary>A statement that starts with INSERT, UPDATE or DELETE.</summary>
    public static bool IsWrite(string statement) =>
        statement.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
        || statement.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
        || statement.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
}
