using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Sync;

/// <summary>The step for one Google instance with what it was decided on, as read before anything was written.</summary>
internal sealed record OccurrenceDecision(OccurrenceStep Step, GoogleEvent Instance)
{
    public FinancialEvent? Series { get; init; }

    public CalendarSyncMapping? Master { get; init; }

    public Occurrence? Occurrence { get; init; }

    /// <summary>The wallet's override of the occurrence; null when the wallet never changed it.</summary>
    public OccurrenceOverride? Existing { get; init; }

    /// <summary>Hash of what Google holds (<see cref="OccurrenceMapper.CancelledHash"/> for a cancelled instance).</summary>
    public string RemoteHash { get; init; } = "";

    /// <summary>Hash of the instance the wallet would write for the occurrence.</summary>
    public string Ours { get; init; } = "";
}
