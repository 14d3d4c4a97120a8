namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>The one wording of the held-deletions notice, shared by the API and the UI.</summary>
public static class HeldDeletionWording
{
    public static string Notice(long count) =>
        $"Google Calendar removed {count} events: keep them in Aegis (they will be put back in Google) or delete them here too";
}
