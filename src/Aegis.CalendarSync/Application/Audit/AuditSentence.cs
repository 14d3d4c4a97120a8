using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Audit;

/// <summary>The one place an audit row's action, outcome and reason code become words for people (the live activity,
/// the audit log, the API's summary): "Sent 'Rent' to Google", "Updated 'Rent' from Google", "Ignored our own echo of
/// 'Rent'", "Could not send 'Rent' to Google". The event is named by the title stored in the row (as it was at the
/// time), "an event" when the row has none.</summary>
public static class AuditSentence
{
    /// <summary>The sentence alone, without details or error text.</summary>
    public static string Describe(AuditEntry row)
    {
        var e = row.EventTitle is { Length: > 0 } title ? $"'{title}'" : row.FinancialEventId is not null || row.GoogleEventId is not null ? "an event" : "the calendar";
        var occurrence = row.ErrorCode == "occurrence" ? $"an occurrence of {e}" : e;
        return (row.Action, row.Status) switch
        {
            (AuditAction.SyncToGoogle, AuditOutcome.Success) when row.ErrorCode == "held_deletion_restored" =>
                $"Restored {e} in Google: you kept it after its deletion there",
            (AuditAction.SyncToGoogle, AuditOutcome.Success) when row.ErrorCode == "calendar_moved" =>
                $"Moved {e} to another Google calendar",
            (AuditAction.SyncToGoogle, AuditOutcome.Success) => $"Sent {occurrence} to Google",
            (AuditAction.SyncToGoogle, AuditOutcome.Skipped) => row.ErrorCode switch
            {
                "unchanged" => $"Nothing new to send for {e}: Google already has this version",
                "not_connected" => $"Did not send {e}: Google Calendar is not connected",
                "recently_synced_from_google" => $"Did not send {e} back: the change just came from Google",
                "calendar_move_gone" => $"Could not move {e} to the new calendar: it was no longer in Google; it is added there again",
                "calendar_move_refused" => $"Google would not move {e} to the new calendar; it is added there again",
                _ => $"Did not send {e} to Google",
            },
            (AuditAction.SyncToGoogle, _) => $"Could not send {e} to Google",
            // The wallet removes one instance of a series from Google only when that occurrence is skipped.
            (AuditAction.DeleteInGoogle, AuditOutcome.Success) when row.ErrorCode == "occurrence" =>
                $"Skipped an occurrence of {e}: removed it from Google Calendar",
            (AuditAction.DeleteInGoogle, AuditOutcome.Success) => $"Deleted {e} in Google",
            (AuditAction.DeleteInGoogle, AuditOutcome.Skipped) => $"Nothing to delete in Google for {e}: it was never sent",
            (AuditAction.DeleteInGoogle, _) => $"Could not delete {e} in Google",
            (AuditAction.SyncFromGoogle, AuditOutcome.Success) => row.ErrorCode switch
            {
                "imported" => $"Added {e} from Google",
                "imported_copy" => $"Added {e} from Google (a copy made in Google)",
                "relinked" => $"Linked {e} to its Google event again",
                "series_split" => $"Split {e} from Google (\"this and following\")",
                _ => $"Updated {occurrence} from Google",
            },
            (AuditAction.SyncFromGoogle, AuditOutcome.Skipped) => row.ErrorCode switch
            {
                "echo" => $"Ignored our own echo of {e}",
                "converged" => $"No conflict on {e}: the wallet and Google were changed to the same version",
                "unknown_series" => "Ignored a change in Google to an occurrence of a series the wallet does not know",
                "not_an_occurrence" => $"Ignored a change in Google that is not an occurrence of {e}",
                _ => $"Ignored a change in Google to {e}",
            },
            (AuditAction.SyncFromGoogle, _) => $"Could not apply Google's change to {e}",
            (AuditAction.DeleteFromGoogle, AuditOutcome.Success) when row.ErrorCode == "held_deletion_confirmed" =>
                $"Removed {e}: you confirmed its deletion in Google",
            // An instance deleted in Google skips that occurrence; the series stays.
            (AuditAction.DeleteFromGoogle, AuditOutcome.Success) when row.ErrorCode == "occurrence" =>
                $"Skipped an occurrence of {e}: deleted in Google",
            (AuditAction.DeleteFromGoogle, AuditOutcome.Success) => $"Removed {e}: deleted in Google",
            (AuditAction.DeleteFromGoogle, AuditOutcome.Skipped) when row.ErrorCode == "mass_delete_held" =>
                "Held many deletions from Google until you decide",
            (AuditAction.DeleteFromGoogle, _) => $"Could not remove {e} after its deletion in Google",
            (AuditAction.IncrementalSync, AuditOutcome.Failed) => "Could not check Google for changes",
            (AuditAction.IncrementalSync, _) => "Checked Google for changes",
            (AuditAction.FullSync, AuditOutcome.Failed) => "Could not complete a full sync with Google",
            (AuditAction.FullSync, _) => "Completed a full sync with Google",
            (AuditAction.Conflict, _) => $"Conflict on {e}: changed in the wallet and in Google",
            (AuditAction.ConflictResolved, _) => row.ErrorCode switch
            {
                "resolved_local" => $"Resolved the conflict on {e}: kept the wallet's version",
                "resolved_google" => $"Resolved the conflict on {e}: kept Google's version",
                "resolved_merged" => $"Resolved the conflict on {e}: kept your pick of each field",
                _ => $"Resolved the conflict on {e}",
            },
            (AuditAction.SyncFailed, _) => $"Sync of {e} failed",
            (AuditAction.SyncDisabled, _) => "Sync was turned off",
            (AuditAction.Connected, AuditOutcome.Success) => "Connected Google Calendar",
            (AuditAction.Connected, _) => "Could not connect Google Calendar",
            (AuditAction.Disconnected, _) => "Disconnected Google Calendar",
            (AuditAction.SyncStarted, _) => "Started the first sync with Google Calendar",
            (AuditAction.ChannelRenewed or AuditAction.ChannelRenewal, AuditOutcome.Success) => "Renewed the Google push channel",
            (AuditAction.ChannelRenewed or AuditAction.ChannelRenewal, _) => "Could not renew the Google push channel",
            (AuditAction.CalendarSwitched, AuditOutcome.Success) => "Switched to another Google calendar",
            (AuditAction.CalendarSwitched, _) => "Could not switch to another Google calendar",
            (AuditAction.SignIn, AuditOutcome.Success) => "Signed in",
            (AuditAction.SignIn, _) => "Sign-in refused",
            (AuditAction.SignUp, AuditOutcome.Success) => "Created the account",
            (AuditAction.SignUp, _) => "Could not create the account",
            (AuditAction.DeadLetterResolved, _) => $"Cleared a failed change of {e} that is no longer needed",
            (AuditAction.DeadLetterRequeued, _) => $"Retrying a failed change of {e} after reconnecting",
            (AuditAction.FeedTokenIssued, _) => "Created a calendar subscription link",
            (AuditAction.FeedTokenRegenerated, _) => "Replaced the calendar subscription link",
            (AuditAction.FeedTokenRevoked, _) => "Revoked the calendar subscription link",
            _ => $"{row.Action} {e}",
        };
    }

    /// <summary>The sentence, then the details in brackets and the error after a colon:
    /// "Updated 'Rent' from Google (renamed to 'Flat rent')", "Could not send 'Rent' to Google: quota exceeded".</summary>
    public static string Summarize(AuditEntry row)
    {
        var sentence = Describe(row);
        if (!string.IsNullOrWhiteSpace(row.Details)) sentence += $" ({row.Details})";
        return string.IsNullOrWhiteSpace(row.ErrorMessage) ? sentence : $"{sentence}: {row.ErrorMessage}";
    }

    /// <summary>A row that changed nothing anywhere: our own write coming back from Google, or nothing new to send.
    /// Pages hide these unless the user asks for them.</summary>
    public static bool IsRoutine(AuditEntry row) =>
        row.Status == AuditOutcome.Skipped && row.ErrorCode is "echo" or "unchanged";

    /// <summary>The action as a filter label: "Sent to Google", "Updated from Google", "Conflict".</summary>
    public static string ActionName(AuditAction action) => action switch
    {
        AuditAction.SyncToGoogle => "Sent to Google",
        AuditAction.DeleteInGoogle => "Deleted in Google",
        AuditAction.SyncFromGoogle => "Updated from Google",
        AuditAction.DeleteFromGoogle => "Deleted from Google",
        AuditAction.IncrementalSync => "Checked Google for changes",
        AuditAction.FullSync => "Full sync",
        AuditAction.Conflict => "Conflict",
        AuditAction.ConflictResolved => "Conflict resolved",
        AuditAction.SyncFailed => "Sync failed",
        AuditAction.SyncDisabled => "Sync turned off",
        AuditAction.Connected => "Connected",
        AuditAction.SyncStarted => "Sync started",
        AuditAction.Disconnected => "Disconnected",
        AuditAction.ChannelRenewed or AuditAction.ChannelRenewal => "Push channel renewed",
        AuditAction.CalendarSwitched => "Calendar switched",
        AuditAction.SignIn => "Sign-in",
        AuditAction.SignUp => "Account created",
        AuditAction.DeadLetterResolved => "Failed change cleared",
        AuditAction.DeadLetterRequeued => "Failed change retried",
        AuditAction.FeedTokenIssued => "Subscription link created",
        AuditAction.FeedTokenRegenerated => "Subscription link replaced",
        AuditAction.FeedTokenRevoked => "Subscription link revoked",
        _ => action.ToString(),
    };

    /// <summary>The outcome in one word for people.</summary>
    public static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => "Done",
        AuditOutcome.Skipped => "Nothing to do",
        AuditOutcome.Failed => "Failed",
        _ => "Conflict",
    };
}
