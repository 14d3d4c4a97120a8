using System.Data.Common;
using Aegis.CalendarSync.Store.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aegis.CalendarSync.Testing.Statements;

/// <summary>The engine's connection factory with every connection wrapped to count statements and commits (the
/// real engine runs them unchanged).</summary>
public sealed class CountingConnectionFactory(IDbConnectionFactory inner, StatementCounter counter) : IDbConnectionFactory
{
    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await inner.OpenAsync(ct).ConfigureAwait(false);
        counter.Connection();
        return new CountingDbConnection(connection, counter);
    }

    /// <summary>Wraps the registered <see cref="IDbConnectionFactory"/> (call after the store is added) and registers
    /// <paramref name="counter"/>.</summary>
    public static IServiceCollection Decorate(IServiceCollection services, StatementCounter counter)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDbConnectionFactory));
        var factory = registered.ImplementationFactory ?? throw new InvalidOperationException("The store registers its factory by a delegate.");
        services.Replace(ServiceDescriptor.Singleton<IDbConnectionFactory>(sp =>
            new CountingConnectionFactory((IDbConnectionFactory)factory(sp), counter)));
        services.TryAddSingleton(counter);
        return services;
    }
}
