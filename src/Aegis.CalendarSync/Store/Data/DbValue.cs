using System.Globalization;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>Reads the raw values either driver returns (SQLite: TEXT/INTEGER; PostgreSQL: uuid/timestamptz/numeric)
/// into domain types.</summary>
public static class DbValue
{
    public static Guid ToGuid(object value) => value switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        _ => throw Unexpected<Guid>(value),
    };

    public static Guid? ToNullableGuid(object? value) => value is null or DBNull ? null : ToGuid(value);

    public static DateTimeOffset ToTime(object value) => value switch
    {
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(),
        _ => throw Unexpected<DateTimeOffset>(value),
    };

    public static DateTimeOffset? ToNullableTime(object? value) => value is null or DBNull ? null : ToTime(value);

    public static decimal ToDecimal(object value) => value switch
    {
        decimal d => d,
        string s => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture),
        long l => l,
        double d => (decimal)d,
        _ => throw Unexpected<decimal>(value),
    };

    private static InvalidCastException Unexpected<T>(object value) =>
        new($"Cannot read {value.GetType().Name} as {typeof(T).Name}.");
}
