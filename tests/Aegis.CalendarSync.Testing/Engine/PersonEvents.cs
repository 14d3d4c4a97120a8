using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Calendar.Model;

namespace Aegis.CalendarSync.Testing.Engine;

/// <summary>Many timed events a person adds in Google through the emulator's admin API (real HTTP, bulk requests of
/// <see cref="Chunk"/> events, each created as a single person create would be: its own etag and push): "Bill {i}",
/// 30 minutes each, one after another from tomorrow on.</summary>
public static class PersonEvents
{
    public const int Chunk = 1_000;

    /// <summary>Creates the events and returns their Google ids, in order.</summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(EmulatorAdminClient admin, string email, string calendarId, int count,
        CancellationToken ct)
    {
        var day = DateTimeOffset.UtcNow.Date.AddDays(1);
        var ids = new List<string>(count);
        for (var first = 0; first < count; first += Chunk)
        {
            var events = Enumerable.Range(first, Math.Min(Chunk, count - first)).Select(i => Bill(day, i)).ToList();
            ids.AddRange((await admin.CreateEventsAsPersonAsync(email, calendarId, events, ct)).Select(e => e.Id!));
        }

        return ids;
    }

    private static CalendarEvent Bill(DateTimeOffset day, int i)
    {
        var start = day.AddMinutes(30 * i);
        return new CalendarEvent
        {
            Summary = $"Bill {i}",
            Start = new EventDateTime { DateTime = start.ToString("yyyy-MM-ddTHH:mm:ssZ") },
            End = new EventDateTime { DateTime = start.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ssZ") },
        };
    }
}
