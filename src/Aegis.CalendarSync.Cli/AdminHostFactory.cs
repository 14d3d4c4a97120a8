using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Server.Configuration;
using Aegis.CalendarSync.Server.Persistence;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Cli;

/// <summary>Composes the engine exactly as the server does (same configuration sources and keys, environment
/// aliases, Development secrets from the data folder, required secrets, every option validated) but starts no
/// hosted service: no queue processor, no migration on start, no web server.</summary>
public sealed class AdminHostFactory(IReadOnlyDictionary<string, string?> settings)
{
    public IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // The server reads ASPNETCORE_ENVIRONMENT; the CLI honours it too so both see the same environment.
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);

        // The CLI's embedded emulator only lets the Google options validate: it must neither take the running demo
        // server's fixed emulator port nor read or write that server's persisted emulator state.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Emulator:Port"] = "0",
            ["Emulator:PersistState"] = "false",
        });
        HostConfiguration.Apply(builder);
        var services = builder.Services;
        services.AddAegisSyncEngine(builder.Configuration);
        services.AddSingleton<ICredentialStore, SqlCredentialStore>();
        services.AddSingleton<PasswordAuthenticator>();
        services.AddAegisMigrations(ServerMigrations.Set);

        var host = builder.Build();
        try
        {
            // What the host does on start, without starting anything: every ValidateOnStart option checked now.
            host.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
