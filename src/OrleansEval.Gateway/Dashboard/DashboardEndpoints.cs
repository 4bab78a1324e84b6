using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace OrleansEval.Gateway.Dashboard;

/// <summary>
/// The web dashboard: its pages at <c>/</c> and <c>/{page}</c> (one HTML shell whose script reads the query string) and
/// its scripts and styles under <c>/assets/</c>, all from the files the build put in <c>wwwroot/</c> beside the server.
/// The pages call the v1 API from the browser; nothing here reads the cluster.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>The pages the shell routes, besides the models list at <c>/</c>.</summary>
    public static readonly IReadOnlyList<string> Pages = ["overview", "feature", "slices", "root-cause", "compare", "alerts"];

    private const string Shell = "index.html";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var assets = new DashboardAssets(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        routes.MapGet("/", (HttpContext context) => Serve(context, assets, Shell)).ExcludeFromDescription();
        foreach (var page in Pages)
        {
            routes.MapGet("/" + page, (HttpContext context) => Serve(context, assets, Shell)).ExcludeFromDescription();
        }

        routes.MapGet("/assets/{**path}", (HttpContext context, string path) => Serve(context, assets, "assets/" + path)).ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, DashboardAssets assets, string path)
    {
        if (assets.Find(path) is not { } asset)
        {
            return path == Shell
                ? Results.Problem(detail: "dashboard: the build put no wwwroot/index.html beside the server", statusCode: StatusCodes.Status404NotFound)
                : Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = path == Shell ? "no-cache" : "public, max-age=300";
        headers.XContentTypeOptions = "nosniff";
        headers.Vary = HeaderNames.AcceptEncoding;
        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        if (accepted.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "gzip";
            return Results.Bytes(asset.Gzipped.Value, asset.ContentType);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
