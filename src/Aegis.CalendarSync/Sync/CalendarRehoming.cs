using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Moves one synced event off a calendar that is no longer the sync target (after a calendar switch): its
/// Google copy there is deleted and its mapping forgotten, so the next outbound write inserts it on the current
/// calendar. Guarantees: the wallet event is never deleted by a move; an edit made in Google to the old copy since
/// the last sync is not silently dropped but brought into the wallet when the conflict strategy lets Google win.</summary>
public sealed class CalendarRehoming(
    RemoteEvents remote,
    IMappingStore mappings,
    IFinancialEventStore events,
    SyncStateWriter writer)
{
    /// <summary>True when <paramref name="mapping"/> points at a calendar other than the user's current one.</summary>
    public static bool IsStale(CalendarSyncSettings settings, CalendarSyncMapping mapping) =>
        !string.Equals(mapping.GoogleCalendarId, settings.CalendarId, StringComparison.Ordinal);

    public async Task ReleaseAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, CancellationToken ct)
    {
        var account = ConnectedAccounts.AccountOf(settings);
        try
        {
            await remote.DeleteAsync(account, mapping.GoogleRef, ct).ConfigureAwait(false);
        }
        catch (PreconditionFailedException)
        {
            var current = await remote.GetAsync(account, mapping.GoogleRef, ct).ConfigureAwait(false);
            if (!current.IsCancelled)
            {
                await KeepGoogleEditAsync(settings, mapping, current, ct).ConfigureAwait(false);
                await remote.DeleteAsync(account, mapping.GoogleRef.At(current.Etag), ct).ConfigureAwait(false);
            }
        }

        await mappings.DeleteAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
    }

    /// <summary>The old copy was edited in Google since the last sync: the edit reaches the wallet when the strategy
    /// decides for Google (the moved event then carries it to the new calendar); otherwise the wallet's version moves.</summary>
    private async Task KeepGoogleEditAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, GoogleEvent current,
        CancellationToken ct)
    {
        var local = await events.GetAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
        if (local is not null && EventContentHash.Compute(current) != mapping.GoogleSideHash
            && ConflictPolicy.Decide(settings.ConflictStrategy, local.UpdatedAt, current.Updated) == ConflictWinner.Google)
        {
            await writer.ApplyRemoteAsync(settings, local, mapping, current, ct).ConfigureAwait(false);
        }
    }
}
