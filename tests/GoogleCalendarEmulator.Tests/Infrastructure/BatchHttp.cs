using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GoogleCalendarEmulator.Tests.Infrastructure;

/// <summary>One call of a hand-built batch: the part's Content-ID and the nested request's text (request line, headers,
/// blank line, body) exactly as Google's batch guide writes it.</summary>
public sealed record BatchCall(string? ContentId, string Request, string PartContentType = "application/http");

/// <summary>One answered call: the part's Content-ID and the nested response's status, headers and JSON body.</summary>
public sealed record BatchCallResult(string? ContentId, int Status, IReadOnlyDictionary<string, string> Headers, JsonNode? Json);

/// <summary>Raw batch requests to /batch/calendar/v3 built byte for byte like the batch guide's example (CRLF line ends,
/// boundary <c>batch_foobarbaz</c>), and a reader of the multipart/mixed answer.</summary>
public static class BatchHttp
{
    public const string Boundary = "batch_foobarbaz";

    public static string Body(IEnumerable<BatchCall> calls)
    {
        var body = new StringBuilder();
        foreach (var call in calls)
        {
            body.Append("--").Append(Boundary).Append("\r\n")
                .Append("Content-Type: ").Append(call.PartContentType).Append("\r\n");
            if (call.ContentId is not null)
            {
                body.Append("Content-ID: ").Append(call.ContentId).Append("\r\n");
            }

            body.Append("\r\n").Append(call.Request.ReplaceLineEndings("\r\n")).Append("\r\n\r\n");
        }

        return body.Append("--").Append(Boundary).Append("--\r\n").ToString();
    }

    /// <summary>A request line and headers for a JSON body, with its Content-Length, as in the guide's PUT example.</summary>
    public static string Json(string requestLine, string json, params string[] headers) =>
        string.Join("\r\n", [requestLine, "Content-Type: application/json", $"Content-Length: {Encoding.UTF8.GetByteCount(json)}", .. headers, "", json]);

    public static async Task<(HttpStatusCode Status, string? ContentType, List<BatchCallResult> Calls, string Text)> SendAsync(
        HttpClient http, IEnumerable<BatchCall> calls, string? bearerToken, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "batch/calendar/v3" + query);
        request.Content = new StringContent(Body(calls), Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={Boundary}");
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType;
        var calls2 = contentType?.MediaType == "multipart/mixed" ? Parse(text, contentType.Parameters.Single(p => p.Name == "boundary").Value!) : [];
        return (response.StatusCode, contentType?.ToString(), calls2, text);
    }

    private static List<BatchCallResult> Parse(string text, string boundary)
    {
        var results = new List<BatchCallResult>();
        var delimiter = "--" + boundary;
        Assert.EndsWith(delimiter + "--\r\n", text);
        foreach (var chunk in text[..text.LastIndexOf(delimiter + "--", StringComparison.Ordinal)].Split(delimiter).Skip(1))
        {
            var part = chunk[2..^2]; // CRLF after the delimiter, CRLF before the next one
            var (partHeaders, http) = SplitHead(part);
            Assert.Equal("application/http", partHeaders["Content-Type"]);
            var (responseHead, body) = SplitHead(http, statusLine: true);
            var statusLine = http[..http.IndexOf("\r\n", StringComparison.Ordinal)];
            Assert.Matches(@"^HTTP/1\.1 \d{3} \S", statusLine);
            Assert.Equal(Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture), responseHead["Content-Length"]);
            results.Add(new BatchCallResult(partHeaders.GetValueOrDefault("Content-ID"), int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture),
                responseHead, body.Length == 0 ? null : JsonNode.Parse(body)));
        }

        return results;
    }

    private static (Dictionary<string, string> Headers, string Remainder) SplitHead(string text, bool statusLine = false)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end >= 0, "No blank line after the headers in: " + text);
        var lines = text[..end].Split("\r\n").Skip(statusLine ? 1 : 0);
        var headers = lines.Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return (headers, text[(end + 4)..]);
    }
}
