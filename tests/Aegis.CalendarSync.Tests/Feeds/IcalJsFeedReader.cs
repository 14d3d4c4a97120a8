using System.Text.Json;

namespace Aegis.CalendarSync.Tests.Feeds;

/// <summary>Runs tests/feed-compat/feed-occurrences.mjs: Mozilla's ical.js (Thunderbird's parser, not written by this
/// project) reads the feed text and expands it. `bash .ci/run` installs the package with `npm ci`.</summary>
public static class IcalJsFeedReader
{
    public static async Task<IReadOnlyList<FeedOccurrenceView>> OccurrencesAsync(byte[] body, DateOnly from, DateOnly to)
    {
        var folder = NodeScript.PackageFolder("feed-compat");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "ical.js")),
            $"Run `npm ci` in {folder} (bash .ci/run does) to install ical.js.");
        var file = Path.Combine(Path.GetTempPath(), $"aegis-feed-{Guid.NewGuid():N}.ics");
        await File.WriteAllBytesAsync(file, body);
        try
        {
            var result = await NodeScript.RunAsync(folder, TimeSpan.FromMinutes(1),
                "feed-occurrences.mjs", file, FeedOccurrenceView.Iso(from), FeedOccurrenceView.Iso(to));
            Assert.True(result.ExitCode == 0, $"ical.js failed: {result.Errors}");
            var views = JsonSerializer.Deserialize<List<FeedOccurrenceView>>(result.Output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            return FeedOccurrenceView.Sorted(views);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
