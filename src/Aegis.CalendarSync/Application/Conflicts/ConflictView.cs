using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>An open conflict as the Conflicts page shows it: the stored conflict and its field-by-field comparison.</summary>
public sealed record ConflictView(SyncConflict Conflict, ConflictComparison Comparison);
