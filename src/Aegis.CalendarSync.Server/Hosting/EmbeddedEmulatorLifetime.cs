using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Server.Hosting;

/// <summary>Logs where the embedded emulator listens, saves its state file while it runs (every
/// <see cref="EmbeddedEmulatorState.SaveInterval"/> when the state changed, and once more at shutdown) and stops it
/// with the host (DI does not dispose instances it did not create).</summary>
public sealed class EmbeddedEmulatorLifetime(
    EmulatorHost emulator, EmbeddedEmulatorState persistence, TimeProvider time, ILogger<EmbeddedEmulatorLifetime> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _saving = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Google Calendar emulator listening at {EmulatorUrl}", emulator.BaseUri);
        if (persistence.File is { } file)
        {
            logger.LogInformation("Google Calendar emulator state kept in {StateFile}", file.Path);
            _saving = SaveWhileRunningAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _saving;
        SaveNow();
        _stopping.Dispose();
        await emulator.DisposeAsync();
    }

    private async Task SaveWhileRunningAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(persistence.SaveInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) SaveNow();
        }
        catch (OperationCanceledException)
        {
            // Shutdown: StopAsync writes the final snapshot.
        }
    }

    private void SaveNow()
    {
        try
        {
            persistence.File?.SaveIfChanged();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not save the Google Calendar emulator state to {StateFile}", persistence.File!.Path);
        }
    }
}
