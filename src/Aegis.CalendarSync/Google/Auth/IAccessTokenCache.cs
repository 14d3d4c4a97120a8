namespace Aegis.CalendarSync.Google.Auth;

/// <summary>This node's in-memory access tokens. After a connection's tokens are replaced in the store (a reconnect),
/// the user's cached token is forgotten, so the next call reads the new tokens instead of acting for the account
/// connected before.</summary>
public interface IAccessTokenCache
{
    void Forget(Guid userId);
}
