using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>One change that reached the other side: its direction and the milliseconds from the change to the other
/// side's acknowledgement, as its audit row recorded.</summary>
public sealed record PropagationSample(SyncDirection Direction, long Milliseconds);
