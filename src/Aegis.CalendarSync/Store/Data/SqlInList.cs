using Dapper;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>An <c>IN (@p0, @p1, …)</c> list with one parameter per value, the same text on both engines (no
/// provider-specific array binding); callers keep lists to a page (at most a few hundred values).</summary>
internal static class SqlInList
{
    /// <summary>Adds the values to <paramref name="parameters"/> as <c>@{prefix}0</c>… and returns the parenthesised list.</summary>
    public static string Add(DynamicParameters parameters, string prefix, IEnumerable<object> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = prefix + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add(name, value);
            names.Add("@" + name);
        }

        if (names.Count == 0) throw new ArgumentException("An IN list needs at least one value.", nameof(values));
        return "(" + string.Join(", ", names) + ")";
    }
}
