using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Batch;
using Aegis.CalendarSync.Google.Models;

namespace Aegis.CalendarSync.Sync.Batching;

/// <summary>One event write (<see cref="GoogleBatchOperation"/>) sent as the plain API call it stands for.</summary>
internal static class GoogleWrites
{
    /// <summary>The written event; null for a delete.</summary>
    public static async Task<GoogleEvent?> SendAsync(IGoogleCalendarClient google, GoogleAccount account, GoogleBatchOperation call, CancellationToken ct)
    {
        switch (call.Method)
        {
            case GoogleBatchMethod.Insert:
                return await google.InsertEventAsync(account, call.CalendarId, call.Event!, ct).ConfigureAwait(false);
            case GoogleBatchMethod.Update:
                return await google.UpdateEventAsync(account, call.CalendarId, call.EventId!, call.Event!, call.IfMatchEtag, ct).ConfigureAwait(false);
            case GoogleBatchMethod.Patch:
                return await google.PatchEventAsync(account, call.CalendarId, call.EventId!, call.Event!, call.IfMatchEtag, ct).ConfigureAwait(false);
            default:
                await google.DeleteEventAsync(account, call.CalendarId, call.EventId!, call.IfMatchEtag, ct).ConfigureAwait(false);
                return null;
        }
    }
}
