using System.Collections.Frozen;
using System.Globalization;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Application.Progress;

/// <summary>Turns an audit row into one sentence, e.g. "Pushed 'Rent' to Google", "Imported 'Dentist' from Google",
/// "Could not push 'Rent' to Google: quota exceeded". {0} is the quoted event title.</summary>
public static class ActivitySummary
{
    private sealed record Phrase(string Done, string Attempt);

    private static readonly FrozenDictionary<string, Phrase> Phrases = new Dictionary<string, Phrase>
    {
        [SyncActions.SyncToGoogle] = new("Pushed {0} to Google", "push {0} to Google"),
        [SyncActions.DeleteInGoogle] = new("Deleted {0} in Google", "delete {0} in Google"),
        [SyncActions.SyncFromGoogle] = new("Imported {0} from Google", "import {0} from Google"),
        [SyncActions.DeleteFromGoogle] = new("Removed {0} (deleted in Google)", "remove {0} (deleted in Google)"),
        [SyncActions.IncrementalSync] = new("Synced changes from Google", "sync changes from Google"),
        [SyncActions.FullSync] = new("Completed a full sync from Google", "complete a full sync from Google"),
        [SyncActions.Conflict] = new("Conflict on {0}: both sides changed", "detect a conflict on {0}"),
        [SyncActions.ConflictResolved] = new("Resolved the conflict on {0}", "resolve the conflict on {0}"),
        [SyncActions.SyncFailed] = new("Sync of {0} failed", "sync {0}"),
        [SyncActions.SyncDisabled] = new("Sync was disabled", "disable sync"),
        [SyncActions.Connected] = new("Connected Google Calendar", "connect Google Calendar"),
        [SyncActions.Disconnected] = new("Disconnected Google Calendar", "disconnect Google Calendar"),
        [SyncActions.ChannelRenewed] = new("Renewed the Google push channel", "renew the Google push channel"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Describe(string action, string status, string? eventTitle, Guid? financialEventId, string? errorMessage)
    {
        var subject = eventTitle is not null ? $"'{eventTitle}'" : financialEventId is not null ? "an event" : "the calendar";
        // An action added to the engine later still reads sensibly: "channel_paused" -> "channel paused 'Rent'".
        var fallback = action.Replace('_', ' ') + " {0}";
        var phrase = Phrases.GetValueOrDefault(action) ?? new Phrase(fallback, fallback);
        string Format(string template) => string.Format(CultureInfo.InvariantCulture, template, subject);
        var sentence = status switch
        {
            SyncOutcome.Failed when action is not SyncActions.SyncFailed and not SyncActions.SyncDisabled => "Could not " + Format(phrase.Attempt),
            SyncOutcome.Skipped => "Skipped: " + Format(phrase.Attempt),
            _ => Format(phrase.Done),
        };
        return string.IsNullOrWhiteSpace(errorMessage) ? sentence : $"{sentence}: {errorMessage}";
    }
}
