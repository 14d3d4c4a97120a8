using System.Globalization;
using System.Net;

namespace Aegis.CalendarSync.Google.Batch;

/// <summary>
/// Reads Google's batch answer: <c>multipart/mixed</c> with the boundary of its Content-Type, each part
/// <c>application/http</c> with <c>Content-ID: &lt;response-…&gt;</c> and a full HTTP response (status line, headers,
/// blank line, body). CRLF line ends as Google writes them; bare LF is accepted too.
/// </summary>
internal static class BatchResponseReader
{
    public static IReadOnlyList<BatchPartResponse> Read(string boundary, string body)
    {
        var delimiter = "--" + boundary;
        var end = body.IndexOf(delimiter + "--", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException("The batch answer has no closing boundary.");
        }

        return body[..end]
            .Split(delimiter)
            .Skip(1)
            .Select(ReadPart)
            .ToList();
    }

    private static BatchPartResponse ReadPart(string part)
    {
        var normalized = part.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n');
        var (partHeaders, http) = SplitHead(normalized);
        var (head, responseBody) = SplitHead(http, hasStartLine: true);
        var statusLine = http[..http.IndexOf('\n', StringComparison.Ordinal)].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException("A batch part does not hold an HTTP response.");
        }

        var contentId = partHeaders.GetValueOrDefault("Content-ID");
        return new BatchPartResponse(contentId, (HttpStatusCode)status, head, responseBody);
    }

    /// <summary>Headers up to the first empty line (after the start line when there is one), and what follows.</summary>
    private static (Dictionary<string, string> Headers, string Remainder) SplitHead(string text, bool hasStartLine = false)
    {
        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = blank < 0 ? text : text[..blank];
        var remainder = blank < 0 ? string.Empty : text[(blank + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split('\n').Skip(hasStartLine ? 1 : 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, remainder);
    }
}
