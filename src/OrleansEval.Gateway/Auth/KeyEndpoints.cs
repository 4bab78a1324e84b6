using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Auth;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Auth;

/// <summary>
/// /v1/keys (admin scope): create a key, whose secret is answered once and stored only as a salted hash; list the
/// keys without secrets or hashes; revoke one.
/// </summary>
internal static class KeyEndpoints
{
    private const string RequestExample = """
        {"name": "weather-ingest", "scopes": ["ingest", "read"]}
        """;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/keys", CreateAsync)
            .WithMetadata(new JsonRequest(typeof(KeyRequest), Example: RequestExample))
            .Produces<KeyCreatedAnswer>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
        routes.MapGet("/v1/keys", ListAsync).Produces<KeyListAnswer>();
        routes.MapDelete("/v1/keys/{id}", RevokeAsync).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IGrainFactory grains, KeyRing keys, TimeProvider time, IOptions<GatewayOptions> options, ILogger<KeyRing> logger)
    {
        if (!keys.KeysRequired)
        {
            return Problems.Conflict("Auth:Keys", "keys are off on this server (no key is configured); configure a key before creating more");
        }

        var body = await JsonBody.ReadAsync<KeyRequest>(context.Request, options.Value);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var name = body.Value!.Name;
        if (NameChecks.Problem("name", NameKind.Name, name) is { } invalidName)
        {
            return invalidName;
        }

        var scopes = ScopeNames.Parse(body.Value.Scopes ?? [], out var unknown);
        if (scopes is null)
        {
            return Problems.BadRequest("scopes", unknown is null ? "must name at least one of ingest, read, admin" : $"'{Quoting.Excerpt(unknown)}' is not one of ingest, read, admin");
        }

        var secret = ApiKeySecrets.NewSecret();
        var salt = ApiKeySecrets.NewSalt();
        var key = new StoredApiKey(ApiKeySecrets.NewId(), name!, scopes.Value, salt, ApiKeySecrets.Hash(salt, secret), time.GetUtcNow());
        if (!await grains.GetGrain<IApiKeyRegistryGrain>(0).AddAsync(key))
        {
            return Problems.Conflict("id", "a key with the id drawn exists already; send the request again");
        }

        keys.Invalidate();
        var by = CallerName(context);
        AuthLog.Created(logger, key.Id, key.Name, key.Scopes, by);
        return Results.Created($"/v1/keys/{key.Id}", new
        {
            id = key.Id,
            name = key.Name,
            scopes = ScopeNames.Names(key.Scopes),
            createdAt = key.CreatedAt,
            key = ApiKeySecrets.Token(key.Id, secret),
        });
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains, KeyRing keys)
    {
        var stored = await grains.GetGrain<IApiKeyRegistryGrain>(0).ListAsync();
        return Results.Ok(new
        {
            keys = stored.Select(k => new { id = k.Id, name = k.Name, scopes = ScopeNames.Names(k.Scopes), createdAt = k.CreatedAt }),
            configured = keys.Configured.Select(k => new { name = k.Name, scopes = ScopeNames.Names(k.Scopes) }),
        });
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, IGrainFactory grains, KeyRing keys, ILogger<KeyRing> logger)
    {
        if (!await grains.GetGrain<IApiKeyRegistryGrain>(0).RevokeAsync(id))
        {
            return Problems.NotFound("id", $"no stored key has id '{Quoting.Excerpt(id)}' (a configured key is removed from configuration)");
        }

        keys.Invalidate();
        var by = CallerName(context);
        AuthLog.Revoked(logger, id, by);
        return Results.NoContent();
    }

    private static string CallerName(HttpContext context) => ApiKeyMiddleware.CallerOf(context)?.KeyName ?? "(keys off)";
}
