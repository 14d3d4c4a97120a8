using System.Globalization;
using Aegis.CalendarSync.Sync.Preview;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>The one wording of the first-sync preview, in plain words for the API's <c>sentences</c> and the connection
/// page: one sentence per kind of change that happens (with its bucket, for the sample titles), then what does not.</summary>
public static class SyncPreviewWording
{
    public static IReadOnlyList<PreviewSentence> Sentences(SyncPreview preview)
    {
        var calendar = CalendarText(preview.Calendars);
        var lines = new List<PreviewSentence>();
        void Add(string key, PreviewBucket bucket, string text)
        {
            if (bucket.Count > 0) lines.Add(new PreviewSentence(key, text, bucket));
        }

        Add("to_google_new", preview.ToGoogleNew,
            $"{Events(preview.ToGoogleNew.Count, "wallet event")} will be added to your Google Calendar {calendar}.");
        Add("to_google_updated", preview.ToGoogleUpdated,
            $"{Events(preview.ToGoogleUpdated.Count, "event")} already in {calendar} will be updated to match your wallet.");
        Add("to_wallet_new", preview.ToWalletNew,
            $"{Events(preview.ToWalletNew.Count, "event")} from Google will be added to your wallet.");
        Add("to_wallet_updated", preview.ToWalletUpdated,
            $"{Events(preview.ToWalletUpdated.Count, "wallet event")} will take the changes made in Google.");
        Add("to_wallet_trash", preview.ToWalletTrash, preview.DeletionsHeld
            ? $"{Events(preview.ToWalletTrash.Count, "synced event")} {Are(preview.ToWalletTrash.Count)} no longer in Google: nothing will be deleted until you decide on the Trash page."
            : $"{Events(preview.ToWalletTrash.Count, "wallet event")} deleted in Google will move to the Trash (you can restore them).");
        Add("in_google_deleted", preview.InGoogleDeleted,
            $"{Events(preview.InGoogleDeleted.Count, "event")} you deleted in Aegis will be removed from Google.");
        Add("conflicts", preview.Conflicts,
            $"{Events(preview.Conflicts.Count, "event")} changed both here and in Google: your conflict setting decides which version is kept.");
        var dates = preview.Occurrences;
        Add("occurrences_to_google", dates.ToGoogle,
            $"{Dates(dates.ToGoogle.Count)} that you changed in your wallet (paid, moved, another amount) will be updated in Google.");
        Add("occurrences_removed_from_google", dates.RemovedFromGoogle,
            $"{Dates(dates.RemovedFromGoogle.Count)} that you skipped in your wallet will be removed from Google (the rest of the series stays).");
        Add("occurrences_to_wallet", dates.ToWallet,
            $"{Dates(dates.ToWallet.Count)} changed in Google will be updated in your wallet.");
        Add("occurrences_skipped_in_wallet", dates.SkippedInWallet,
            $"{Dates(dates.SkippedInWallet.Count)} deleted in Google will be marked skipped in your wallet (the rest of the series stays).");
        Add("occurrence_conflicts", dates.Conflicts,
            $"{Dates(dates.Conflicts.Count)} changed both here and in Google: your conflict setting decides which version is kept.");
        if (lines.Count == 0)
        {
            lines.Add(new PreviewSentence("nothing", "Nothing to sync yet: no events in your wallet or in Google need a change.", PreviewBucket.Empty));
        }

        if (preview.ToWalletTrash.Count == 0 && preview.InGoogleDeleted.Count == 0 && dates.RemovedFromGoogle.Count == 0 && dates.SkippedInWallet.Count == 0)
        {
            lines.Add(new PreviewSentence("nothing_deleted", "Nothing will be deleted, in your wallet or in Google.", PreviewBucket.Empty));
        }

        Add("unchanged", preview.Unchanged,
            $"{Events(preview.Unchanged.Count, "event")} {Are(preview.Unchanged.Count)} already the same on both sides.");
        if (preview.Calendars.All(c => c.WillBeCreated))
        {
            lines.Add(new PreviewSentence("others_untouched", "Your other Google calendars (meetings, birthdays …) are not read or changed.", PreviewBucket.Empty));
        }

        Add("left_alone", preview.LeftAlone,
            $"{Events(preview.LeftAlone.Count, "event")} in {calendar} {Are(preview.LeftAlone.Count)} not financial (meetings, birthdays …) and will be left alone.");
        return lines;
    }

    private static string CalendarText(IReadOnlyList<PreviewCalendar> calendars) =>
        string.Join(" and ", calendars.Select(c => c.WillBeCreated ? $"“{c.Name}” (created when you start)" : $"“{c.Name}”"));

    private static string Events(int count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}s";

    /// <summary>Single occurrences: "1 date of a repeating event", "3 dates of repeating events".</summary>
    private static string Dates(int count) =>
        count == 1 ? "1 date of a repeating event" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} dates of repeating events";

    private static string Are(int count) => count == 1 ? "is" : "are";
}

/// <summary>One line of the preview: a stable key, the sentence, and the bucket it counts (its sample titles).</summary>
public sealed record PreviewSentence(string Key, string Text, PreviewBucket Bucket);
