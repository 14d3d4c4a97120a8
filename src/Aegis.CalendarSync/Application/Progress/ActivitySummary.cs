using System.Collections.Frozen;
using System.Globalization;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Progress;

/// <summary>Turns an audit row into one sentence, e.g. "Pushed 'Rent' to Google", "Imported 'Dentist' from Google",
/// "Could not push 'Rent' to Google: quota exceeded". {0} is the quoted event title.</summary>
internal static class ActivitySummary
{
    private sealed record Phrase(string Done, string Attempt);

    private static readonly FrozenDictionary<AuditAction, Phrase> Phrases = new Dictionary<AuditAction, Phrase>
    {
        [AuditAction.SyncToGoogle] = new("Pushed {0} to Google", "push {0} to Google"),
        [AuditAction.DeleteInGoogle] = new("Deleted {0} in Google", "delete {0} in Google"),
        [AuditAction.SyncFromGoogle] = new("Imported {0} from Google", "import {0} from Google"),
        [AuditAction.DeleteFromGoogle] = new("Removed {0} (deleted in Google)", "remove {0} (deleted in Google)"),
        [AuditAction.IncrementalSync] = new("Synced changes from Google", "sync changes from Google"),
        [AuditAction.FullSync] = new("Completed a full sync from Google", "complete a full sync from Google"),
        [AuditAction.Conflict] = new("Conflict on {0}: both sides changed", "detect a conflict on {0}"),
        [AuditAction.ConflictResolved] = new("Resolved the conflict on {0}", "resolve the conflict on {0}"),
        [AuditAction.SyncFailed] = new("Sync of {0} failed", "sync {0}"),
        [AuditAction.SyncDisabled] = new("Sync was disabled", "disable sync"),
        [AuditAction.Connected] = new("Connected Google Calendar", "connect Google Calendar"),
        [AuditAction.Disconnected] = new("Disconnected Google Calendar", "disconnect Google Calendar"),
        [AuditAction.ChannelRenewed] = new("Renewed the Google push channel", "renew the Google push channel"),
        [AuditAction.SignUp] = new("Created the account", "create the account"),
        [AuditAction.FeedTokenIssued] = new("Created a calendar subscription link", "create a calendar subscription link"),
        [AuditAction.FeedTokenRegenerated] = new("Replaced the calendar subscription link", "replace the calendar subscription link"),
        [AuditAction.FeedTokenRevoked] = new("Revoked the calendar subscription link", "revoke the calendar subscription link"),
        [AuditAction.DeadLetterResolved] = new("Cleared a failed change of {0} that is no longer needed", "clear a failed change of {0}"),
        [AuditAction.DeadLetterRequeued] = new("Retrying a failed change of {0} after reconnecting", "retry a failed change of {0}"),
    }.ToFrozenDictionary();

    public static string Describe(AuditAction action, AuditOutcome status, string? eventTitle, Guid? financialEventId, string? errorMessage)
    {
        var subject = eventTitle is not null ? $"'{eventTitle}'" : financialEventId is not null ? "an event" : "the calendar";
        // An action without a phrase still reads sensibly: CalendarSwitched -> "calendar switched the calendar".
        var fallback = WireEnum.ToWire(action).Replace('_', ' ') + " {0}";
        var phrase = Phrases.GetValueOrDefault(action) ?? new Phrase(fallback, fallback);
        string Format(string template) => string.Format(CultureInfo.InvariantCulture, template, subject);
        var sentence = status switch
        {
            AuditOutcome.Failed when action is not AuditAction.SyncFailed and not AuditAction.SyncDisabled => "Could not " + Format(phrase.Attempt),
            AuditOutcome.Skipped => "Skipped: " + Format(phrase.Attempt),
            _ => Format(phrase.Done),
        };
        return string.IsNullOrWhiteSpace(errorMessage) ? sentence : $"{sentence}: {errorMessage}";
    }
}
