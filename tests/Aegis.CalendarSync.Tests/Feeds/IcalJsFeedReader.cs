using System.Diagnostics;
using System.Text.Json;

namespace Aegis.CalendarSync.Tests.Feeds;

/// <summary>Runs tests/feed-compat/feed-occurrences.mjs: Mozilla's ical.js (Thunderbird's parser, not written by this
/// project) reads the feed text and expands it. `bash .ci/run` installs the package with `npm ci`.</summary>
public static class IcalJsFeedReader
{
    public static async Task<IReadOnlyList<FeedOccurrenceView>> OccurrencesAsync(byte[] body, DateOnly from, DateOnly to)
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "feed-compat");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "ical.js")),
            $"Run `npm ci` in {folder} (bash .ci/run does) to install ical.js.");
        var file = Path.Combine(Path.GetTempPath(), $"aegis-feed-{Guid.NewGuid():N}.ics");
        await File.WriteAllBytesAsync(file, body);
        try
        {
            var start = new ProcessStartInfo("node", ["feed-occurrences.mjs", file, FeedOccurrenceView.Iso(from), FeedOccurrenceView.Iso(to)])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"ical.js failed: {await errors}");
            var views = JsonSerializer.Deserialize<List<FeedOccurrenceView>>(await output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            return FeedOccurrenceView.Sorted(views);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aegis.CalendarSync.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("Repository root (Aegis.CalendarSync.slnx) not found above " + AppContext.BaseDirectory);
    }
}
