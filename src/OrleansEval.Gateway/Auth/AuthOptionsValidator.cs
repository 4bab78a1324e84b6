using Microsoft.Extensions.Options;

namespace OrleansEval.Gateway.Auth;

/// <summary>Refuses, at start-up, keys that cannot work and a server that would be open where it may not be.</summary>
internal sealed class AuthOptionsValidator(OpenAccess openAccess) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.Keys.Count == 0 && !openAccess.Allowed)
        {
            failures.Add(
                $"Auth:Keys: no API key is configured, and a server runs without keys only in Development on loopback addresses ({openAccess.Why}). " +
                "Set Auth:Keys:<name>:Secret (at least 32 characters) and Auth:Keys:<name>:Scopes (ingest, read, admin), e.g. Auth__Keys__admin__Secret from a secret store.");
        }

        foreach (var (keyName, key) in options.Keys)
        {
            if (key.Secret.Length < ApiKeySecrets.MinConfiguredLength)
            {
                failures.Add($"Auth:Keys:{keyName}:Secret must be at least {ApiKeySecrets.MinConfiguredLength} characters.");
            }

            if (ScopeNames.Parse(key.Scopes, out var unknown) is null)
            {
                failures.Add(unknown is null
                    ? $"Auth:Keys:{keyName}:Scopes must name at least one of ingest, read, admin."
                    : $"Auth:Keys:{keyName}:Scopes: '{unknown}' is not one of ingest, read, admin.");
            }
        }

        if (options.CacheTtl <= TimeSpan.Zero || options.CacheTtl > TimeSpan.FromMinutes(5))
        {
            failures.Add("Auth:CacheTtl must be more than 0 and at most 00:05:00.");
        }

        if (options.OpenPathList().Any(p => !p.StartsWith('/') || p.StartsWith("/v1", StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add("Auth:OpenPaths: each path must start with '/' and none may be under /v1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
