using Aegis.CalendarSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Feeds;

/// <summary>Addresses of a feed token under <see cref="ServerOptions.PublicBaseUrl"/>: https(s) and webcal:// (the
/// scheme calendar apps register to subscribe).</summary>
public sealed class FeedUrls(IOptions<ServerOptions> options)
{
    public const string RoutePrefix = "/feeds";

    public Uri Https(string token) =>
        new(new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/"), $"{RoutePrefix.TrimStart('/')}/{Uri.EscapeDataString(token)}.ics");

    public string Webcal(string token)
    {
        var https = Https(token);
        return "webcal" + https.AbsoluteUri[https.Scheme.Length..];
    }
}
