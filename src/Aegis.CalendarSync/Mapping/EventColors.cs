using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Mapping;

/// <summary>Google event colorId per financial event (Google's fixed event palette, ids "1".."11"):
/// <list type="table">
/// <item><term>Bill</term><description>11 Tomato (red: money due)</description></item>
/// <item><term>Income</term><description>10 Basil (green)</description></item>
/// <item><term>Expense</term><description>6 Tangerine (orange)</description></item>
/// <item><term>Transfer</term><description>7 Peacock (blue)</description></item>
/// <item><term>Reminder</term><description>5 Banana (yellow)</description></item>
/// <item><term>any type with status Paid</term><description>8 Graphite (grey: done)</description></item>
/// </list>
/// Outbound only: the type travels in <see cref="AegisProperties.Type"/>, so a colour changed in Google does not
/// change the type.</summary>
internal static class EventColors
{
    public const string Paid = "8";

    public static string For(EventType type, EventStatus status) => status == EventStatus.Paid ? Paid : type switch
    {
        EventType.Bill => "11",
        EventType.Income => "10",
        EventType.Expense => "6",
        EventType.Transfer => "7",
        EventType.Reminder => "5",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
