using System.Text.Json;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace GoogleCalendarEmulator.Batch;

/// <summary>
/// Runs one call of a batch through the same Calendar API endpoints and pipeline (request log, latency, faults, bearer
/// token, quota) as a call on its own, in-process. As Google's batch guide says, the outer request's headers apply to
/// the call except its <c>Content-</c> headers, a header the call sets itself replaces the outer one (so a call may
/// carry its own <c>Authorization</c>), and the outer query parameters apply unless the call sets them.
/// </summary>
internal static class BatchCallRunner
{
    private static readonly string[] NotInherited = [HeaderNames.Connection, HeaderNames.TransferEncoding, HeaderNames.Expect, HeaderNames.AcceptEncoding];

    public static async Task<BatchPartResponse> RunAsync(BatchPart part, HttpContext outer, RequestDelegate calls)
    {
        if (part.Malformed is { } reason)
        {
            return Failure(part.ContentId, GoogleErrors.BadRequest(reason));
        }

        if (!TrySplitTarget(part.Target, out var path, out var query))
        {
            return Failure(part.ContentId, GoogleErrors.BadRequest("Invalid request URL in batch part: " + part.Target));
        }

        var responseBody = new MemoryStream();
        var response = new BatchPartResponseFeature();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = outer.Request.Scheme,
            Method = part.Method,
            PathBase = string.Empty,
            Path = path.Value ?? "/",
            QueryString = QueryWithOuterParameters(query, outer.Request.Query).ToUriComponent(),
            RawTarget = part.Target,
            Headers = Headers(part, outer.Request.Headers),
            Body = new MemoryStream(part.Body, writable: false),
        });
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        var context = new DefaultHttpContext(features)
        {
            RequestServices = outer.RequestServices,
            RequestAborted = outer.RequestAborted,
        };
        if (outer.Items.TryGetValue(ApiPipelineFilter.ArrivedAtKey, out var arrived))
        {
            // Every call of a batch arrived with it (the request log's time).
            context.Items[ApiPipelineFilter.ArrivedAtKey] = arrived;
        }

        await calls(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiOperation>() is null)
        {
            // Not a Calendar API v3 method: every call of a batch must go to the batch's own API.
            return Failure(part.ContentId, GoogleErrors.NotFound());
        }

        await response.StartAsync();
        var headers = context.Response.Headers
            .Where(h => !h.Key.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()))
            .ToList();
        return new BatchPartResponse(part.ContentId, context.Response.StatusCode, headers, responseBody.ToArray());
    }

    private static BatchPartResponse Failure(string? contentId, GoogleApiException error) =>
        new(contentId, error.StatusCode, [KeyValuePair.Create(HeaderNames.ContentType, "application/json; charset=UTF-8")],
            JsonSerializer.SerializeToUtf8Bytes(error.Body, GoogleJson.Options));

    /// <summary>A path with its query, or an absolute URL (Google's client libraries write those), split in two.</summary>
    private static bool TrySplitTarget(string target, out PathString path, out string query)
    {
        if (target.StartsWith('/'))
        {
            var mark = target.IndexOf('?');
            path = PathString.FromUriComponent(mark < 0 ? target : target[..mark]);
            query = mark < 0 ? string.Empty : target[mark..];
            return true;
        }

        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            path = PathString.FromUriComponent(uri.AbsolutePath);
            query = uri.Query;
            return true;
        }

        path = default;
        query = string.Empty;
        return false;
    }

    private static QueryString QueryWithOuterParameters(string query, IQueryCollection outer)
    {
        var own = QueryHelpers.ParseQuery(query);
        var merged = new List<KeyValuePair<string, string?>>();
        foreach (var (name, values) in own)
        {
            merged.AddRange(values.Select(v => KeyValuePair.Create(name, v)));
        }

        foreach (var (name, values) in outer.Where(p => !own.ContainsKey(p.Key)))
        {
            merged.AddRange(values.Select(v => KeyValuePair.Create(name, v)));
        }

        return QueryString.Create(merged);
    }

    private static HeaderDictionary Headers(BatchPart part, IHeaderDictionary outer)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in outer)
        {
            if (!name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && !NotInherited.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                headers[name] = value;
            }
        }

        var own = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in part.Headers)
        {
            headers[name] = own.Add(name) ? new StringValues(value) : StringValues.Concat(headers[name], value);
        }

        if (part.Body.Length > 0 && !own.Contains(HeaderNames.ContentLength))
        {
            headers.ContentLength = part.Body.Length;
        }

        return headers;
    }
}
