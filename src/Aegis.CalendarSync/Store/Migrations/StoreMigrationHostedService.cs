using Microsoft.Extensions.Hosting;

namespace Aegis.CalendarSync.Store.Migrations;

/// <summary>Migrates during host start; registered before the queue services, so they start on the final schema.</summary>
internal sealed class StoreMigrationHostedService(IStoreMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
