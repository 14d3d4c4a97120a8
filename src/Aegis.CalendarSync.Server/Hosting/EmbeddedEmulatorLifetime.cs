using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Server.Hosting;

/// <summary>Logs where the embedded emulator listens and stops it with the host (DI does not dispose instances it
/// did not create).</summary>
public sealed class EmbeddedEmulatorLifetime(EmulatorHost emulator, ILogger<EmbeddedEmulatorLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Google Calendar emulator listening at {EmulatorUrl}", emulator.BaseUri);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await emulator.DisposeAsync();
}
