namespace Aegis.CalendarSync.Application.EventSync;

/// <summary>Where one wallet event stands with Google Calendar, as its badge on the Events page says it.</summary>
public enum EventSyncStatus
{
    /// <summary>Google holds the version the wallet shows.</summary>
    Synced,

    /// <summary>A change waits to be sent (or the event was never sent yet).</summary>
    Pending,

    /// <summary>The last attempt failed; the queue tries again by itself.</summary>
    Retrying,

    /// <summary>Every retry failed (a dead letter), or Google's change to it could not be applied.</summary>
    Failed,

    /// <summary>Changed on both sides; the user chooses which version to keep.</summary>
    Conflict,

    /// <summary>Deleted in Google together with many other events; the mass-delete guard keeps it until the user
    /// confirms the deletion or restores it to Google.</summary>
    Held,

    /// <summary>Not synced at all: Google is not connected or sync is off.</summary>
    NotSynced,
}
