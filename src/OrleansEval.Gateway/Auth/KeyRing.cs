using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansEval.Auth;
using OrleansEval.GrainInterfaces;

namespace OrleansEval.Gateway.Auth;

/// <summary>
/// Tells whose a presented key is. Configured keys are hashed once at start; stored keys are read from
/// <see cref="IApiKeyRegistryGrain"/> into a copy trusted for <see cref="AuthOptions.CacheTtl"/>, so a key revoked on
/// another gateway stops working here within that time, and at once on the gateway that revoked it.
/// </summary>
internal sealed class KeyRing : IDisposable
{
    // An unknown stored-key id re-reads the keys at most this often, so a key just created elsewhere works at once.
    private static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly ImmutableArray<(string Name, ApiScopes Scopes, ImmutableArray<byte> Salt, ImmutableArray<byte> Hash)> _configured;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _stored;

    public KeyRing(IGrainFactory grains, TimeProvider time, IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _time = time;
        _ttl = options.Value.CacheTtl;
        _configured = [.. options.Value.Keys.Select(k =>
        {
            var salt = ApiKeySecrets.NewSalt();
            return (k.Key, ScopeNames.Parse(k.Value.Scopes, out _) ?? ApiScopes.None, salt, ApiKeySecrets.Hash(salt, k.Value.Secret));
        })];
    }

    /// <summary>Whether keys are required: some key is configured.</summary>
    public bool KeysRequired => _configured.Length > 0;

    /// <summary>Names and scopes of the configured keys.</summary>
    public IEnumerable<(string Name, ApiScopes Scopes)> Configured => _configured.Select(k => (k.Name, k.Scopes));

    /// <summary>The caller a bearer token belongs to, or null for an unknown or revoked key.</summary>
    public async ValueTask<ApiCaller?> IdentifyAsync(string token, CancellationToken cancellationToken)
    {
        if (ApiKeySecrets.TryParse(token, out var id, out var secret))
        {
            var key = await FindStoredAsync(id, cancellationToken);
            if (key is not null && ApiKeySecrets.Matches(key.Salt, key.Hash, secret))
            {
                return new ApiCaller(key.Name, key.Scopes);
            }
        }

        foreach (var key in _configured)
        {
            if (ApiKeySecrets.Matches(key.Salt, key.Hash, token))
            {
                return new ApiCaller(key.Name, key.Scopes);
            }
        }

        return null;
    }

    /// <summary>Forgets the copy of the stored keys, after this gateway created or revoked one.</summary>
    public void Invalidate() => _stored = null;

    private async ValueTask<StoredApiKey?> FindStoredAsync(string id, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stored = _stored;
        if (stored is null || now - stored.ReadAt > _ttl)
        {
            stored = await RefreshAsync(stored, cancellationToken);
        }

        if (!stored.Keys.TryGetValue(id, out var key) && now - stored.ReadAt > MissRefreshInterval)
        {
            stored = await RefreshAsync(stored, cancellationToken);
            stored.Keys.TryGetValue(id, out key);
        }

        return key;
    }

    // One read at a time: callers that waited take the copy the first one read.
    private async Task<Snapshot> RefreshAsync(Snapshot? seen, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var current = _stored;
            if (current is not null && !ReferenceEquals(current, seen))
            {
                return current;
            }

            var keys = await _grains.GetGrain<IApiKeyRegistryGrain>(0).ListAsync();
            var snapshot = new Snapshot(_time.GetUtcNow(), keys.ToImmutableDictionary(k => k.Id, StringComparer.Ordinal));
            _stored = snapshot;
            return snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private sealed record Snapshot(DateTimeOffset ReadAt, ImmutableDictionary<string, StoredApiKey> Keys);
}
