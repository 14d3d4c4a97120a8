using GoogleCalendarEmulator.Hosting;

namespace GoogleCalendarEmulator.OAuth;

/// <summary>Codes, grants, refresh and access tokens. All state changes happen under one lock.</summary>
internal sealed class OAuthStore(EmulatorOptions options)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public const string CalendarScope = "https://www.googleapis.com/auth/calendar";

    /// <summary>Google: "a limit of 100 refresh tokens per Google Account per OAuth 2.0 client ID"; a new one beyond it
    /// invalidates the oldest without warning.</summary>
    public const int MaxRefreshTokensPerGrant = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizationRequest> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Email, string ClientId), Grant> _grants = [];
    private readonly Dictionary<string, Grant> _byRefreshToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedAccessToken> _accessTokens = new(StringComparer.Ordinal);

    private DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    public OAuthClientRegistration? FindClient(string? clientId) =>
        options.Clients.FirstOrDefault(c => c.ClientId == clientId);

    public OAuthClientRegistration Authenticate(string? clientId, string? clientSecret)
    {
        var client = FindClient(clientId);
        return client is not null && client.ClientSecret == clientSecret ? client : throw OAuthException.InvalidClient();
    }

    public bool HasGrant(string email, string clientId)
    {
        lock (_gate)
        {
            return _grants.ContainsKey((Key(email), clientId));
        }
    }

    public string AddPending(AuthorizationRequest request)
    {
        var id = SecureTokens.Id();
        lock (_gate)
        {
            _pending[id] = request;
        }

        return id;
    }

    public AuthorizationRequest? TakePending(string? id)
    {
        lock (_gate)
        {
            return id is not null && _pending.Remove(id, out var request) ? request : null;
        }
    }

    public string IssueCode(AuthorizationRequest request)
    {
        var code = new AuthorizationCode(SecureTokens.Code(), request, Now + CodeLifetime);
        lock (_gate)
        {
            _codes[code.Value] = code;
        }

        return code.Value;
    }

    /// <summary>authorization_code grant: single use, unexpired, same client and redirect_uri, PKCE verified.</summary>
    public TokenResponse ExchangeCode(OAuthClientRegistration client, string? code, string? redirectUri, string? codeVerifier)
    {
        if (string.IsNullOrEmpty(code))
        {
            throw OAuthException.InvalidRequest("Missing required parameter: code");
        }

        lock (_gate)
        {
            if (!_codes.TryGetValue(code, out var issued))
            {
                throw OAuthException.InvalidGrant("Malformed auth code.");
            }

            var request = issued.Request;
            if (issued.Used || issued.ExpiresAt <= Now || request.ClientId != client.ClientId)
            {
                throw OAuthException.InvalidGrant();
            }

            // Google burns the code on the first exchange attempt, so a failed attempt cannot be retried either.
            issued.Used = true;
            if (redirectUri != request.RedirectUri)
            {
                throw new OAuthException("redirect_uri_mismatch", "Bad Request");
            }

            if (request.CodeChallenge is not null)
            {
                if (string.IsNullOrEmpty(codeVerifier))
                {
                    throw OAuthException.InvalidGrant("Missing code verifier.");
                }

                if (!Pkce.Verify(request.CodeChallenge, request.CodeChallengeMethod, codeVerifier))
                {
                    throw OAuthException.InvalidGrant("Invalid code verifier.");
                }
            }

            var grant = GetOrCreateGrant(request.Email, client.ClientId, request.Scope);
            string? refreshToken = null;
            if (request.Offline && (grant.RefreshTokens.Count == 0 || request.ForceConsent))
            {
                refreshToken = AddRefreshToken(grant);
            }

            var access = MintAccessToken(grant);
            return new TokenResponse(access.Value, LifetimeSeconds, refreshToken, grant.Scope, "Bearer");
        }
    }

    /// <summary>refresh_token grant: a new access token, never a new refresh token.</summary>
    public TokenResponse Refresh(OAuthClientRegistration client, string? refreshToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            throw OAuthException.InvalidRequest("Missing required parameter: refresh_token");
        }

        lock (_gate)
        {
            if (!_byRefreshToken.TryGetValue(refreshToken, out var grant))
            {
                throw OAuthException.ExpiredOrRevoked();
            }

            if (grant.ClientId != client.ClientId)
            {
                throw new OAuthException("unauthorized_client", "Unauthorized");
            }

            var access = MintAccessToken(grant);
            return new TokenResponse(access.Value, LifetimeSeconds, null, grant.Scope, "Bearer");
        }
    }

    /// <summary>Revoking either an access or a refresh token revokes the whole grant.</summary>
    public bool Revoke(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        lock (_gate)
        {
            var grant = _byRefreshToken.GetValueOrDefault(token) ?? _accessTokens.GetValueOrDefault(token)?.Grant;
            if (grant is null)
            {
                return false;
            }

            RemoveGrant(grant);
            return true;
        }
    }

    /// <summary>Returns the account email and the OAuth client (the project) of a valid, unexpired access token.</summary>
    public (string Email, string ClientId)? ValidateAccessToken(string token)
    {
        lock (_gate)
        {
            return _accessTokens.TryGetValue(token, out var access) && access.ExpiresAt > Now
                ? (access.Grant.Email, access.Grant.ClientId)
                : null;
        }
    }

    public int ExpireAccessTokens(string email)
    {
        lock (_gate)
        {
            var expired = 0;
            foreach (var access in _accessTokens.Values.Where(a => Same(a.Grant.Email, email)))
            {
                access.ExpiresAt = Now;
                expired++;
            }

            return expired;
        }
    }

    public int RevokeGrants(string email)
    {
        lock (_gate)
        {
            var grants = _grants.Values.Where(g => Same(g.Email, email)).ToList();
            grants.ForEach(RemoveGrant);
            return grants.Count;
        }
    }

    /// <summary>Issues a refresh and access token for the first registered client, bypassing the browser flow.</summary>
    public TokenResponse IssueDirect(string email)
    {
        var client = options.Clients[0];
        lock (_gate)
        {
            var grant = GetOrCreateGrant(email, client.ClientId, CalendarScope);
            var refresh = grant.RefreshTokens.Count > 0 ? grant.RefreshTokens[^1] : AddRefreshToken(grant);
            var access = MintAccessToken(grant);
            return new TokenResponse(access.Value, LifetimeSeconds, refresh, grant.Scope, "Bearer");
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
            _codes.Clear();
            _grants.Clear();
            _byRefreshToken.Clear();
            _accessTokens.Clear();
        }
    }

    /// <summary>One entry per live refresh token (a grant's oldest first), for the state snapshot.</summary>
    public List<State.Snapshot.GrantSnapshot> CaptureGrants()
    {
        lock (_gate)
        {
            return _grants.Values
                .OrderBy(g => g.Email, StringComparer.Ordinal).ThenBy(g => g.ClientId, StringComparer.Ordinal)
                .SelectMany(g => g.RefreshTokens.Select(token => new State.Snapshot.GrantSnapshot(g.Email, g.ClientId, g.Scope, token)))
                .ToList();
        }
    }

    /// <summary>Re-creates snapshotted grants, so a client's refresh token stays valid across an emulator restart.</summary>
    public void RestoreGrants(IEnumerable<State.Snapshot.GrantSnapshot> grants)
    {
        lock (_gate)
        {
            foreach (var saved in grants)
            {
                var grant = GetOrCreateGrant(saved.Email, saved.ClientId, saved.Scope);
                grant.RefreshTokens.Add(saved.RefreshToken);
                _byRefreshToken[saved.RefreshToken] = grant;
            }
        }
    }

    private int LifetimeSeconds => (int)options.AccessTokenLifetime.TotalSeconds;

    private Grant GetOrCreateGrant(string email, string clientId, string scope)
    {
        var key = (Key(email), clientId);
        if (!_grants.TryGetValue(key, out var grant))
        {
            grant = new Grant(email, clientId, scope);
            _grants[key] = grant;
        }
        else
        {
            grant.Scope = string.Join(' ', grant.Scope.Split(' ').Union(scope.Split(' ')).Where(s => s.Length > 0));
        }

        return grant;
    }

    /// <summary>A new live refresh token for the grant; the earlier ones keep working, except the oldest once the grant
    /// would hold more than <see cref="MaxRefreshTokensPerGrant"/>.</summary>
    private string AddRefreshToken(Grant grant)
    {
        var token = SecureTokens.RefreshToken();
        grant.RefreshTokens.Add(token);
        _byRefreshToken[token] = grant;
        while (grant.RefreshTokens.Count > MaxRefreshTokensPerGrant)
        {
            _byRefreshToken.Remove(grant.RefreshTokens[0]);
            grant.RefreshTokens.RemoveAt(0);
        }

        return token;
    }

    private IssuedAccessToken MintAccessToken(Grant grant)
    {
        var access = new IssuedAccessToken(SecureTokens.AccessToken(), grant, Now + options.AccessTokenLifetime);
        _accessTokens[access.Value] = access;
        grant.AccessTokens.Add(access.Value);
        return access;
    }

    private void RemoveGrant(Grant grant)
    {
        foreach (var refresh in grant.RefreshTokens)
        {
            _byRefreshToken.Remove(refresh);
        }

        foreach (var token in grant.AccessTokens)
        {
            _accessTokens.Remove(token);
        }

        _grants.Remove((Key(grant.Email), grant.ClientId));
    }

    private static string Key(string email) => email.ToLowerInvariant();

    private static bool Same(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);
}
