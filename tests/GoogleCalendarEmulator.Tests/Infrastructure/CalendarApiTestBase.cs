namespace GoogleCalendarEmulator.Tests.Infrastructure;

/// <summary>A fresh emulator per test and a Calendar API client authorised for <see cref="EmulatorSession.Email"/>.</summary>
public abstract class CalendarApiTestBase : IAsyncLifetime
{
    protected EmulatorSession Emulator { get; private set; } = null!;

    protected CalendarApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorSession.StartAsync();
        Api = await Emulator.ApiAsync();
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
