using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>One count of the whole queue by status.</summary>
public sealed record QueueDepthSample(DateTimeOffset At, IReadOnlyDictionary<QueueStatus, long> CountByStatus);
