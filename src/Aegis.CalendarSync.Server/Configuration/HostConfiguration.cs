using Aegis.CalendarSync.Server.Hosting;

namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>The configuration steps every host of the product takes (the server and aegis-admin), in order: flat
/// environment aliases, the data folder, Development secrets from it, required secrets checked, the embedded emulator
/// when enabled. Returns the data folder.</summary>
public static class HostConfiguration
{
    /// <exception cref="StartupConfigurationException">A required secret is missing or malformed.</exception>
    public static string Apply(IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        EnvironmentAliases.Apply(configuration);
        var dataDirectory = DataDirectory.Resolve(configuration);
        if (builder.Environment.IsDevelopment()) DevelopmentSecrets.Apply(configuration, dataDirectory);
        RequiredSecrets.EnsurePresent(configuration);
        EmbeddedEmulator.StartIfEnabled(builder, dataDirectory);
        return dataDirectory;
    }
}
