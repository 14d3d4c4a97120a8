using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Testing.Hosting;

/// <summary>An account of a <see cref="TestServerHost"/> with a client authenticated by its own API token.</summary>
public sealed record TestUser(AppUser Account, string Password, HttpClient Client)
{
    public Guid Id => Account.Id;
}
