using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Sync;

/// <summary>Both sides changed one event since its last sync: the wallet's version, the mapping (absent when the
/// event was never linked), Google's version (a cancelled tombstone for a deletion) and how it was detected.</summary>
internal sealed record ConflictCase(FinancialEvent Local, CalendarSyncMapping? Mapping, GoogleEvent Remote, ConflictCause Cause)
{
    /// <summary>When the wallet last changed the event: its deletion, else its last update.</summary>
    public DateTimeOffset LocalModifiedAt => Local.DeletedAt ?? Local.UpdatedAt;
}
