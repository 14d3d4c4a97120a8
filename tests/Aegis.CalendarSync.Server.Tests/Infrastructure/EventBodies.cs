namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>Request bodies in the API's snake_case shape.</summary>
public static class EventBodies
{
    public static Dictionary<string, object?> Valid(string title = "Electricity bill", decimal amount = 84.37m) => new()
    {
        ["title"] = title,
        ["amount"] = amount,
        ["currency"] = "EUR",
        ["event_type"] = "bill",
        ["status"] = "pending",
        ["start_at"] = "2030-03-10T09:00:00+00:00",
        ["end_at"] = "2030-03-10T10:00:00+00:00",
        ["all_day"] = false,
        ["time_zone"] = "Europe/Lisbon",
    };

    /// <summary>A valid body with another amount and currency.</summary>
    public static Dictionary<string, object?> Priced(decimal amount, string currency)
    {
        var body = Valid(amount: amount);
        body["currency"] = currency;
        return body;
    }

    public static Dictionary<string, object?> With(string key, object? value)
    {
        var body = Valid();
        body[key] = value;
        return body;
    }
}
