using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Aegis.CalendarSync.Server.Components.Formatting;

/// <summary>The culture the user's browser asks for (the first Accept-Language entry, by quality, that names a
/// specific culture this host knows), for formatting money and dates on the pages that show them. Falls back to
/// en-US. Read per request; the thread's CurrentCulture is left alone, so nothing else changes format.</summary>
public static class UserCulture
{
    private static readonly CultureInfo Fallback = CultureInfo.GetCultureInfo("en-US");

    public static CultureInfo From(HttpContext context)
    {
        var languages = context.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
        {
            if (Find(language.Value.Value) is { } culture) return culture;
        }
        return Fallback;
    }

    private static CultureInfo? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name == "*") return null;
        try
        {
            var culture = CultureInfo.GetCultureInfo(name);
            // A neutral culture ("de") has no region and so no currency pattern of its own: take its default region's.
            if (culture.IsNeutralCulture) culture = CultureInfo.CreateSpecificCulture(name);
            return culture.Equals(CultureInfo.InvariantCulture) ? null : CultureInfo.ReadOnly(culture);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
