using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

public interface IAuditStore
{
    Task AppendAsync(AuditEntry entry, CancellationToken ct);
    Task<IReadOnlyList<AuditEntry>> QueryAsync(Guid userId, AuditQuery query, CancellationToken ct);
    Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken ct);
}

public sealed record AuditQuery(AuditAction? Action = null, AuditOutcome? Status = null, Guid? FinancialEventId = null,
    DateTimeOffset? Since = null, int Limit = 50, int Offset = 0);
