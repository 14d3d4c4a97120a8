namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>The statements of a command text, as <see cref="StatementCounter"/> counts them.</summary>
public static class SqlStatements
{
    private static readonly string[] DataModifyingCte = ["AS (INSERT ", "AS (UPDATE ", "AS (DELETE "];

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

    /// <summary>A statement that starts with INSERT, UPDATE or DELETE, or a WITH whose common table expressions
    /// modify data (PostgreSQL's <c>name AS (UPDATE …)</c>, e.g. the rate budget's reservation).</summary>
    public static bool IsWrite(string statement) =>
        statement.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
        || statement.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
        || statement.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)
        || (statement.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)
            && DataModifyingCte.Any(cte => statement.Contains(cte, StringComparison.OrdinalIgnoreCase)));

}
