using Microsoft.AspNetCore.Http;
using OrleansEval.Auth;
using OrleansEval.Gateway.Dashboard;

namespace OrleansEval.Gateway.Auth;

/// <summary>
/// The scope a request needs: reads need <c>read</c>; records and actuals need <c>ingest</c>; every other change
/// (models, baselines, slices, monitors, validations) and everything under <c>/v1/keys</c> and <c>/v1/webhooks</c> (a
/// receiver's URL may carry a token, such as a Slack webhook's) needs <c>admin</c>. Open paths and the dashboard's static
/// files need none.
/// </summary>
internal static class RequiredScopes
{
    private const string ApiPrefix = "/v1";

    private static readonly string[] AdminOnlyPaths = ["/v1/keys", "/v1/webhooks"];

    /// <summary>The scope an HTTP request needs, or null when it needs no key.</summary>
    public static ApiScopes? Of(string method, PathString path, IReadOnlyList<string> openPaths)
    {
        if (openPaths.Any(open => path.StartsWithSegments(open, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
        if (!path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return !isRead ? ApiScopes.Admin : IsStaticFile(path) ? null : ApiScopes.Read;
        }

        if (AdminOnlyPaths.Any(admin => path.StartsWithSegments(admin, StringComparison.OrdinalIgnoreCase)))
        {
            return ApiScopes.Admin;
        }

        if (isRead)
        {
            return ApiScopes.Read;
        }

        return HttpMethods.IsPost(method) && IsIngest(path.Value!) ? ApiScopes.Ingest : ApiScopes.Admin;
    }

    /// <summary>The scope a gRPC method needs: sending records or actuals is ingest, every other method reads.</summary>
    public static ApiScopes OfGrpc(string method) =>
        method.EndsWith("/Ingest", StringComparison.Ordinal) || method.EndsWith("/IngestStream", StringComparison.Ordinal) || method.EndsWith("/SendActuals", StringComparison.Ordinal)
            ? ApiScopes.Ingest
            : ApiScopes.Read;

    // The dashboard's page shell at "/" and its pages, and files with an extension in their last segment, outside the API.
    private static bool IsStaticFile(PathString path)
    {
        var value = path.Value ?? "/";
        if (value == "/" || DashboardEndpoints.Pages.Any(page => value.AsSpan(1).Equals(page, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var last = value[(value.LastIndexOf('/') + 1)..];
        return last.Contains('.', StringComparison.Ordinal);
    }

    // POST /v1/models/{modelId}/records and /actuals.
    private static bool IsIngest(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 4
            && string.Equals(segments[1], "models", StringComparison.OrdinalIgnoreCase)
            && segments[3] is "records" or "actuals";
    }
}
