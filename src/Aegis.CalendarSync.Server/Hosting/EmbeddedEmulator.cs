using Aegis.CalendarSync.Server.Configuration;
using GoogleCalendarEmulator.Hosting;
using GoogleCalendarEmulator.State.Snapshot;

namespace Aegis.CalendarSync.Server.Hosting;

/// <summary>"Emulator:Enabled": starts the Google Calendar emulator in this process on its loopback port
/// ("Emulator:Port", default 5081) and points the "Google" options at it, so <c>dotnet run</c> is the whole product
/// with no Google account. With "Emulator:PersistState" its state lives in the data folder across restarts.</summary>
public static class EmbeddedEmulator
{
    public static EmulatorHost? StartIfEnabled(IHostApplicationBuilder builder, string dataDirectory)
    {
        var options = builder.Configuration.GetSection(EmbeddedEmulatorOptions.Section).Get<EmbeddedEmulatorOptions>() ?? new();
        if (!options.Enabled) return null;
        // Its admin API edits any account's calendars without authentication: a development tool only.
        if (builder.Environment.IsProduction())
            throw new StartupConfigurationException("Emulator:Enabled=true is refused in Production: the embedded Google " +
                "emulator's admin API is unauthenticated; set Emulator__Enabled=false and configure GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET.");
        if (options.Port is < 0 or > 65535)
            throw new StartupConfigurationException($"Emulator:Port must be 0 (any free port) or a port number up to 65535, not {options.Port}.");

        var url = $"http://127.0.0.1:{options.Port}";
        EmulatorHost emulator;
        try
        {
            // Started while the host is being composed because the Google options must name its port before the first
            // options read; this runs once on the main thread (no synchronization context), so blocking cannot deadlock.
            emulator = EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = options.AutoApprove }, url).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new StartupConfigurationException($"the embedded Google emulator cannot listen on {url} ({e.Message.TrimEnd('.')}); " +
                "stop what holds that port or set EMULATOR_PORT (Emulator__Port) to a free port, 0 for any.");
        }

        var stateFile = options.PersistState
            ? new EmulatorStateFile(emulator.State, Path.Combine(dataDirectory, EmbeddedEmulatorOptions.StateFileName))
            : null;
        try
        {
            stateFile?.Load();
        }
        catch (InvalidDataException e)
        {
            emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new StartupConfigurationException(e.Message);
        }

        builder.Configuration.AddInMemoryCollection(emulator.GoogleClientSettings());
        builder.Services.AddSingleton(emulator);
        builder.Services.AddSingleton(new EmbeddedEmulatorState(stateFile, options.SaveInterval));
        builder.Services.AddHostedService<EmbeddedEmulatorLifetime>();
        return emulator;
    }
}
