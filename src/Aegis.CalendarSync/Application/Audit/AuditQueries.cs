using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Audit;

/// <summary>The user's audit log, newest first, filtered and paged by the store.</summary>
public sealed class AuditQueries(IAuditStore audit)
{
    public Task<IReadOnlyList<AuditEntry>> QueryAsync(Guid userId, AuditQuery query, CancellationToken ct) =>
        audit.QueryAsync(userId, query, ct);
}
