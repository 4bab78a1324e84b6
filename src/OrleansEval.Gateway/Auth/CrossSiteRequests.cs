using Microsoft.AspNetCore.Http;

namespace OrleansEval.Gateway.Auth;

/// <summary>
/// Recognises a state change a browser page of another site could send without a key (a form or a text/plain
/// fetch needs no CORS preflight): a POST, PUT, PATCH or DELETE without an Authorization header whose <c>Origin</c>
/// is another host, or <c>null</c>, or whose <c>Sec-Fetch-Site</c> is <c>cross-site</c>. A browser cannot add an
/// Authorization header to such a request, so one that carries it is left to the key check.
/// </summary>
internal static class CrossSiteRequests
{
    /// <summary>The header that gave the request away, or null when it is not a cross-site change.</summary>
    public static string? Detect(HttpRequest request)
    {
        var changes = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);
        if (!changes || request.Headers.Authorization.Count > 0)
        {
            return null;
        }

        if (string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return "Sec-Fetch-Site";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !IsSameHost(origin, request.Host) ? "Origin" : null;
    }

    private static bool IsSameHost(string origin, HostString host)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !host.HasValue)
        {
            return false;
        }

        var hostPort = host.Port ?? (uri.IsDefaultPort ? uri.Port : -1);
        return string.Equals(uri.Host.Trim('[', ']'), host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase) && uri.Port == hostPort;
    }
}
