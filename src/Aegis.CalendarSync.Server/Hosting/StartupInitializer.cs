using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Server.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using GoogleCalendarEmulator.Hosting;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Hosting;

/// <summary>Runs after the store's migration hosted service: creates the demo account when enabled and, once the
/// server listens, prints the URL to open, the demo credentials and, with the embedded emulator, its address and Google-side page.</summary>
public sealed class StartupInitializer(
    IServiceScopeFactory scopes,
    IOptions<ServerOptions> options,
    IConfiguration configuration,
    IServer server,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoAccount) return;
        await using var scope = scopes.CreateAsyncScope();
        var password = configuration[DemoAccount.PasswordKey];
        if (!DemoAccount.IsValidPassword(password))
            throw new InvalidOperationException($"{DemoAccount.PasswordKey} must be at least 12 characters to seed the demo account.");
        await scope.ServiceProvider.GetRequiredService<PasswordAuthenticator>()
            .EnsureAccountAsync(DemoAccount.Email, DemoAccount.DisplayName, password!, cancellationToken);
        lifetime.ApplicationStarted.Register(() => PrintBanner(password!));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The emulator's Google-side page (its default account, the one the consent page signs in).</summary>
    public static Uri GoogleSidePage(EmulatorHost emulator) => new(emulator.BaseUri, "emulator/ui");

    private void PrintBanner(string password)
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? options.Value.PublicBaseUrl;
        // Printed to the console (not only the log) so it stands out on a developer's terminal; Development only.
        Console.WriteLine();
        Console.WriteLine($"  Aegis Calendar Sync is running: open {url}");
        Console.WriteLine($"  Sign in as {DemoAccount.Email} / {password}");
        if (services.GetService<EmulatorHost>() is { } emulator)
        {
            Console.WriteLine($"  Google Calendar emulator: {emulator.BaseUri}");
            Console.WriteLine($"  Google's side (see, edit, move or delete events): {GoogleSidePage(emulator)}");
        }

        Console.WriteLine();
        logger.LogInformation("Demo account {Email} ready at {Url}", DemoAccount.Email, url);
    }
}
