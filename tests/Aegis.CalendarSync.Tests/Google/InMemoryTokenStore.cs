using System.Collections.Concurrent;
using Aegis.CalendarSync.Google.Auth;

namespace Aegis.CalendarSync.Tests.Google;

/// <summary>Test implementation of the <see cref="ITokenStore"/> port (the production one is the integrator's,
/// over calendar_sync_settings); records every save.</summary>
internal sealed class InMemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<Guid, StoredTokens> _tokens = new();

    public int SaveCount;

    public Task<StoredTokens?> LoadAsync(Guid userId, CancellationToken ct) =>
        Task.FromResult(_tokens.TryGetValue(userId, out var tokens) ? tokens : null);

    public Task SaveAsync(Guid userId, StoredTokens tokens, CancellationToken ct)
    {
        _tokens[userId] = tokens;
        Interlocked.Increment(ref SaveCount);
        return Task.CompletedTask;
    }

    public StoredTokens? Get(Guid userId) => _tokens.TryGetValue(userId, out var tokens) ? tokens : null;
}
