namespace OrleansEval.Gateway.Auth;

/// <summary>API keys from configuration, the paths that need none, and how long stored keys are cached. Bound from the "Auth" section.</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Auth";

    /// <summary>The paths answered without a key, by default.</summary>
    public const string DefaultOpenPaths = "/healthz;/openapi;/docs;/metrics";

    /// <summary>Keys given by configuration (<c>Auth:Keys:&lt;name&gt;:Secret</c> and <c>:Scopes</c>), by name; with none, keys are off, which only Development on loopback allows.</summary>
    public Dictionary<string, ConfiguredApiKey> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Paths (and everything under them) answered without a key, separated by ';'.</summary>
    public string OpenPaths { get; set; } = DefaultOpenPaths;

    /// <summary>How long a gateway trusts its copy of the stored keys: the longest a revoked key keeps working on another gateway.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The open paths, each without a trailing '/'.</summary>
    public IReadOnlyList<string> OpenPathList() =>
        [.. OpenPaths.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.TrimEnd('/'))];
}
