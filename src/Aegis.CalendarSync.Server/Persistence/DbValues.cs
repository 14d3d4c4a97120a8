using System.Globalization;

namespace Aegis.CalendarSync.Server.Persistence;

/// <summary>Reads the raw values either driver returns for the store's uuid and timestamp columns (PostgreSQL: Guid
/// and UTC DateTime; SQLite: TEXT) into domain types.</summary>
public static class DbValues
{
    public static Guid ToGuid(object value, string column) => value switch
    {
        Guid id => id,
        string text => Guid.Parse(text),
        _ => throw new InvalidCastException($"{column} read as {value.GetType().Name}."),
    };

    public static Guid? ToNullableGuid(object? value, string column) =>
        value is null or DBNull ? null : ToGuid(value, column);

    public static DateTimeOffset ToTime(object value, string column) => value switch
    {
        DateTimeOffset time => time.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(),
        _ => throw new InvalidCastException($"{column} read as {value.GetType().Name}."),
    };
}
