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
