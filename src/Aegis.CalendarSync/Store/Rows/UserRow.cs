using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class UserRow
{
    public const string Columns = "id AS Id, email AS Email, display_name AS DisplayName, created_at AS CreatedAt";

    public object Id { get; init; } = null!;
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public object CreatedAt { get; init; } = null!;

    public AppUser ToModel() => new(DbValue.ToGuid(Id), Email, DisplayName, DbValue.ToTime(CreatedAt));
}
