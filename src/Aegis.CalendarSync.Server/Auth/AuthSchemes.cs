namespace Aegis.CalendarSync.Server.Auth;

public static class AuthSchemes
{
    /// <summary>Picks <see cref="Bearer"/> when the request has an Authorization header, else <see cref="Cookie"/>.</summary>
    public const string Smart = "Smart";
    public const string Cookie = "Cookies";
    public const string Bearer = "Bearer";
}
