using Aegis.CalendarSync.Server.Configuration;
using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Server.Hosting;

/// <summary>"Emulator:Enabled": starts the Google Calendar emulator in this process on its own loopback port and
/// points the "Google" options at it, so <c>dotnet run</c> is the whole product with no Google account.</summary>
public static class EmbeddedEmulator
{
    public static EmulatorHost? StartIfEnabled(IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EmbeddedEmulatorOptions.Section).Get<EmbeddedEmulatorOptions>() ?? new();
        if (!options.Enabled) return null;
        // Its admin API edits any account's calendars without authentication: a development tool only.
        if (builder.Environment.IsProduction())
            throw new StartupConfigurationException("Emulator:Enabled=true is refused in Production: the embedded Google " +
                "emulator's admin API is unauthenticated; set Emulator__Enabled=false and configure GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET.");

        // Started while the host is being composed because the Google options must name its port before the first
        // options read; this runs once on the main thread (no synchronization context), so blocking cannot deadlock.
        var emulator = EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = options.AutoApprove })
            .GetAwaiter().GetResult();
        builder.Configuration.AddInMemoryCollection(emulator.GoogleClientSettings());
        builder.Services.AddSingleton(emulator);
        builder.Services.AddHostedService<EmbeddedEmulatorLifetime>();
        return emulator;
    }
}
