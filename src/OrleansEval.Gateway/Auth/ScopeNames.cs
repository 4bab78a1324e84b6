using OrleansEval.Auth;

namespace OrleansEval.Gateway.Auth;

/// <summary>The wire names of <see cref="ApiScopes"/>: <c>ingest</c>, <c>read</c>, <c>admin</c>.</summary>
internal static class ScopeNames
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Admin = "admin";

    /// <summary>The scopes named, or null naming the first unknown one (<paramref name="unknown"/>) or none at all.</summary>
    public static ApiScopes? Parse(IEnumerable<string> names, out string? unknown)
    {
        unknown = null;
        var scopes = ApiScopes.None;
        foreach (var name in names)
        {
            var scope = From(name);
            if (scope is null)
            {
                unknown = name;
                return null;
            }

            scopes |= scope.Value;
        }

        return scopes == ApiScopes.None ? null : scopes;
    }

    /// <summary>Scopes of a configuration value such as <c>"ingest,read"</c>.</summary>
    public static ApiScopes? Parse(string names, out string? unknown) =>
        Parse(names.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out unknown);

    public static IReadOnlyList<string> Names(ApiScopes scopes) =>
        [.. new[] { (ApiScopes.Ingest, Ingest), (ApiScopes.Read, Read), (ApiScopes.Admin, Admin) }.Where(s => scopes.HasFlag(s.Item1)).Select(s => s.Item2)];

    /// <summary>Whether a key with <paramref name="held"/> may do what needs <paramref name="needed"/>: admin may do everything.</summary>
    public static bool Allows(ApiScopes held, ApiScopes needed) => held.HasFlag(ApiScopes.Admin) || held.HasFlag(needed);

    private static ApiScopes? From(string name) => name.ToLowerInvariant() switch
    {
        Ingest => ApiScopes.Ingest,
        Read => ApiScopes.Read,
        Admin => ApiScopes.Admin,
        _ => null,
    };
}
