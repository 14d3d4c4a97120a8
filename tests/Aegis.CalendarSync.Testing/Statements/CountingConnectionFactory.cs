using System.Data.Common;
using Aegis.CalendarSync.Store.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>The engine's connection factory with every connection wrapped to report to a <see cref="StatementCounter"/>
/// (the engine's own connections, commands and transactions run underneath, unchanged).</summary>
public sealed class CountingConnectionFactory(IDbConnectionFactory inner, StatementCounter counter) : IDbConnectionFactory
{
    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await inner.OpenAsync(ct).ConfigureAwait(false);
        counter.Opened();
        return new CountingConnection(connection, counter);
    }

    /// <summary>Wraps the registered <see cref="IDbConnectionFactory"/> (call after the store is added) and registers
    /// <paramref name="counter"/> (a new one when null) as the <see cref="StatementCounter"/> singleton.</summary>
    public static IServiceCollection Decorate(IServiceCollection services, StatementCounter? counter = null)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDbConnectionFactory));
        services.Remove(registered);
        services.AddSingleton(counter ?? new StatementCounter());
        services.AddSingleton<IDbConnectionFactory>(sp => new CountingConnectionFactory(Resolve(sp, registered), sp.GetRequiredService<StatementCounter>()));
        return services;
    }

    private static IDbConnectionFactory Resolve(IServiceProvider sp, ServiceDescriptor registered) =>
        registered.ImplementationFactory is { } create ? (IDbConnectionFactory)create(sp)
        : registered.ImplementationInstance as IDbConnectionFactory
          ?? (IDbConnectionFactory)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
}
