using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Aegis.CalendarSync.Google.Batch;

/// <summary>
/// Writes a batch as Google's batch guide shows it: <c>multipart/mixed</c>, one <c>application/http</c> part per call
/// with <c>Content-ID: &lt;item{n}&gt;</c> (n from 1, in call order), each holding the call's request line (path and
/// query only), its headers, a blank line and its JSON body.
/// </summary>
internal static class BatchRequestWriter
{
    public static string ContentId(int index) => "<item" + (index + 1).ToString(CultureInfo.InvariantCulture) + ">";

    /// <param name="calls">Method, path and query, If-Match etag (or null), JSON body (or null), in call order.</param>
    public static MultipartContent Write(IReadOnlyList<(HttpMethod Method, string PathAndQuery, string? IfMatch, byte[]? Json)> calls)
    {
        var multipart = new MultipartContent("mixed", "batch_" + Guid.NewGuid().ToString("N"));
        for (var i = 0; i < calls.Count; i++)
        {
            var (method, target, ifMatch, json) = calls[i];
            var head = new StringBuilder().Append(method.Method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
            if (ifMatch is not null)
            {
                head.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            if (json is not null)
            {
                head.Append("Content-Type: application/json; charset=utf-8\r\n")
                    .Append("Content-Length: ").Append(json.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            }

            var part = new ByteArrayContent([.. Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), .. json ?? []]);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/http");
            part.Headers.TryAddWithoutValidation("Content-ID", ContentId(i));
            multipart.Add(part);
        }

        return multipart;
    }
}
