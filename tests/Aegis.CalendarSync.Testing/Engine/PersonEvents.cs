using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Calendar.Model;

namespace Aegis.CalendarSync.Testing.Engine;

/// <summary>Many timed events a person adds in Google through the emulator's admin API (real HTTP, a few requests
/// at a time): "Bill {i}", 30 minutes each, one after another from tomorrow on.</summary>
public static class PersonEvents
{
    public static async Task<IReadOnlyList<string>> CreateAsync(EmulatorAdminClient admin, string email, string calendarId, int count,
        CancellationToken ct, int parallelism = 8)
    {
        var day = DateTimeOffset.UtcNow.Date.AddDays(1);
        using var gate = new SemaphoreSlim(parallelism);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var start = day.AddMinutes(30 * i);
                var created = await admin.CreateEventAsPersonAsync(email, calendarId, new CalendarEvent
                {
                    Summary = $"Bill {i}",
                    Start = new EventDateTime { DateTime = start.ToString("yyyy-MM-ddTHH:mm:ssZ") },
                    End = new EventDateTime { DateTime = start.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ssZ") },
                }, ct);
                return created.Id!;
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
