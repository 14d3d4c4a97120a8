using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Testing.Engine;

/// <summary>The engine's stores as a test reaches them: resolved on each access from <see cref="StoreServices"/>, a
/// provider built by AddAegisStore or AddAegisSyncEngine.</summary>
public abstract class EngineStores
{
    public IUserStore Users => StoreServices.GetRequiredService<IUserStore>();
    public IFinancialEventStore Events => StoreServices.GetRequiredService<IFinancialEventStore>();
    public IMappingStore Mappings => StoreServices.GetRequiredService<IMappingStore>();
    public ISettingsStore Settings => StoreServices.GetRequiredService<ISettingsStore>();
    public ISyncQueueStore Queue => StoreServices.GetRequiredService<ISyncQueueStore>();
    public IAuditStore Audit => StoreServices.GetRequiredService<IAuditStore>();
    public IConflictStore Conflicts => StoreServices.GetRequiredService<IConflictStore>();

    protected abstract IServiceProvider StoreServices { get; }
}
