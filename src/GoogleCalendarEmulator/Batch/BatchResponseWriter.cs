using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace GoogleCalendarEmulator.Batch;

/// <summary>
/// Writes the answer to a batch as Google does: <c>multipart/mixed</c> with a boundary of its own, one
/// <c>application/http</c> part per call in request order, <c>Content-ID: &lt;response-{id}&gt;</c> echoing the call's
/// Content-ID, and in each part a full HTTP response (status line, headers, blank line, body). CRLF line ends.
/// </summary>
internal static class BatchResponseWriter
{
    public static (string ContentType, byte[] Body) Write(IReadOnlyList<BatchPartResponse> responses)
    {
        var boundary = "batch_" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(15));
        using var body = new MemoryStream();
        foreach (var response in responses)
        {
            var head = new StringBuilder()
                .Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n");
            if (response.ContentId is { } id)
            {
                head.Append("Content-ID: <response-").Append(id.Trim().TrimStart('<').TrimEnd('>')).Append(">\r\n");
            }

            head.Append("\r\n")
                .Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(ReasonPhrases.GetReasonPhrase(response.Status)).Append("\r\n");
            foreach (var (name, value) in response.Headers)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            head.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
            body.Write(Encoding.UTF8.GetBytes(head.ToString()));
            body.Write(response.Body);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        return ($"multipart/mixed; boundary={boundary}", body.ToArray());
    }
}
