using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Auth;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Auth;

/// <summary>
/// Lets a request reach its endpoint only when it may: a cross-site state change without a key is 403 whatever the
/// keys; with keys on, a request outside the open paths needs <c>Authorization: Bearer &lt;key&gt;</c> (401 without
/// a known key) of the scope it needs (403 otherwise). A refused request reaches no endpoint, so it changes nothing.
/// gRPC calls are checked by <see cref="ApiKeyInterceptor"/>.
/// </summary>
internal sealed class ApiKeyMiddleware(KeyRing keys, IOptions<AuthOptions> options, ILogger<ApiKeyMiddleware> logger) : IMiddleware
{
    private const string BearerPrefix = "Bearer ";

    private readonly IReadOnlyList<string> _openPaths = options.Value.OpenPathList();

    /// <summary>The caller of the current request, once its key was checked.</summary>
    public static ApiCaller? CallerOf(HttpContext context) => context.Items[typeof(ApiCaller)] as ApiCaller;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            await next(context);
            return;
        }

        if (CrossSiteRequests.Detect(request) is { } header)
        {
            await RefuseAsync(context, Problems.Forbidden(header, "a state change sent cross-site by a browser, without an API key, is refused"), StatusCodes.Status403Forbidden, $"cross-site {header}");
            return;
        }

        var needed = RequiredScopes.Of(request.Method, request.Path, _openPaths);
        if (!keys.KeysRequired || needed is null)
        {
            await next(context);
            return;
        }

        var token = BearerToken(request);
        var caller = token is null ? null : await keys.IdentifyAsync(token, context.RequestAborted);
        if (caller is null)
        {
            var rule = token is null ? "an API key is required: send Authorization: Bearer <key>" : "the API key is unknown or revoked";
            await RefuseAsync(context, Problems.Unauthorized(context, rule, token is not null), StatusCodes.Status401Unauthorized, rule);
            return;
        }

        if (!ScopeNames.Allows(caller.Scopes, needed.Value))
        {
            var rule = ScopeRule(needed.Value, caller.Scopes);
            await RefuseAsync(context, Problems.Forbidden("Authorization", rule), StatusCodes.Status403Forbidden, rule);
            return;
        }

        context.Items[typeof(ApiCaller)] = caller;
        await next(context);
    }

    /// <summary>The rule a key of <paramref name="held"/> broke by asking for what needs <paramref name="needed"/>.</summary>
    public static string ScopeRule(ApiScopes needed, ApiScopes held) =>
        $"this request needs a key with scope '{string.Join(",", ScopeNames.Names(needed))}' (or admin); the key has '{string.Join(",", ScopeNames.Names(held))}'";

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[BearerPrefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private async Task RefuseAsync(HttpContext context, IResult problem, int status, string rule)
    {
        AuthLog.Refused(logger, context.Request.Method, context.Request.Path, status, rule);
        await problem.ExecuteAsync(context);
    }
}
