using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Audit actions as an SQL list of their stored text ("'sign_in', 'sign_up'") for <c>IN (...)</c>: built from
/// the enum's own text, never from input.</summary>
internal static class AuditActionSql
{
    public static string List(IEnumerable<AuditAction> actions) => string.Join(", ", actions.Select(a => $"'{EnumText.ToText(a)}'"));
}
