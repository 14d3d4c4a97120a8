using System.Text.RegularExpressions;

namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>The public base URL implied by the bound addresses ("urls": --urls or ASPNETCORE_URLS), used when
/// PUBLIC_BASE_URL is not set.</summary>
public static partial class BoundAddress
{
    /// <summary>The first address of a ';'-separated list, a wildcard host (*, +, 0.0.0.0, [::]) read as 127.0.0.1:
    /// "http://*:6001" gives "http://127.0.0.1:6001/". Null when there is none or its port is 0 (not known before the
    /// server binds), so the documented default applies.</summary>
    public static string? PublicBaseUrl(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return null;
        var normalized = WildcardHost().Replace(first, "${scheme}127.0.0.1", 1);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Port == 0) return null;
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
    }

    [GeneratedRegex(@"^(?<scheme>[a-z]+://)(\*|\+|0\.0\.0\.0|\[::\])(?=[:/]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex WildcardHost();
}
