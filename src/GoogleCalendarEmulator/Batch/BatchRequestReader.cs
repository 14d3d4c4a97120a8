using System.Text;
using GoogleCalendarEmulator.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GoogleCalendarEmulator.Batch;

/// <summary>
/// Reads a batch request as Google's batch guide defines it: a <c>multipart/mixed</c> body whose parts are each
/// <c>Content-Type: application/http</c> with an optional <c>Content-ID</c>, the part body being one HTTP request (request
/// line with a path, or an absolute URL as Google's client libraries write it; headers; blank line; body). Lines may end
/// in CRLF or LF. A part that is not such a request still takes its place, marked malformed, so it fails on its own.
/// </summary>
internal static class BatchRequestReader
{
    public static async Task<IReadOnlyList<BatchPart>> ReadAsync(HttpRequest request, int maxCalls, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/mixed", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw GoogleErrors.BadRequest("A batch request must have Content-Type multipart/mixed with a boundary.");
        }

        var parts = new List<BatchPart>();
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (parts.Count == maxCalls)
                {
                    throw GoogleErrors.BadRequest($"Exceeded the maximum calls ({maxCalls}) in a single batch request.");
                }

                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, ct);
                var contentId = section.Headers?.GetValueOrDefault("Content-ID").ToString();
                parts.Add(section.ContentType?.StartsWith("application/http", StringComparison.OrdinalIgnoreCase) == true
                    ? ParseHttpRequest(string.IsNullOrEmpty(contentId) ? null : contentId, buffer.ToArray())
                    : Malformed(contentId, "Each batch part must have Content-Type application/http."));
            }
        }
        catch (IOException)
        {
            throw GoogleErrors.BadRequest("Malformed multipart body.");
        }

        return parts.Count == 0 ? throw GoogleErrors.BadRequest("A batch request must contain at least one part.") : parts;
    }

    private static BatchPart ParseHttpRequest(string? contentId, byte[] bytes)
    {
        var (headEnd, bodyStart) = FindHeadEnd(bytes);
        var head = Encoding.UTF8.GetString(bytes, 0, headEnd).TrimStart('\r', '\n');
        var lines = head.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var requestLine = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requestLine.Length is < 2 or > 3 || !requestLine[0].All(char.IsAsciiLetterUpper))
        {
            return Malformed(contentId, "Each batch part must start with an HTTP request line.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return Malformed(contentId, "Malformed header in batch part: " + line);
            }

            headers.Add(KeyValuePair.Create(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new BatchPart(contentId, requestLine[0], requestLine[1], headers, bytes[bodyStart..]);
    }

    /// <summary>End of the header block and start of the body: the first empty line (CRLF CRLF or LF LF); without
    /// one, the whole part is the header block.</summary>
    private static (int HeadEnd, int BodyStart) FindHeadEnd(byte[] bytes)
    {
        var span = bytes.AsSpan();
        var crlf = span.IndexOf("\r\n\r\n"u8);
        var lf = span.IndexOf("\n\n"u8);
        return (crlf, lf) switch
        {
            (>= 0, var l) when l < 0 || crlf < l => (crlf, crlf + 4),
            (_, >= 0) => (lf, lf + 2),
            _ => (bytes.Length, bytes.Length),
        };
    }

    private static BatchPart Malformed(string? contentId, string reason) =>
        new(string.IsNullOrEmpty(contentId) ? null : contentId, "", "", [], [], reason);
}
