using Microsoft.AspNetCore.Http;

namespace OrleansEval.Gateway.Http;

/// <summary>RFC 7807 answers whose detail names the field and the rule that was broken.</summary>
internal static class Problems
{
    public static IResult BadRequest(string field, string rule) => Problem(StatusCodes.Status400BadRequest, "Invalid request", field, rule);

    public static IResult NotFound(string field, string rule) => Problem(StatusCodes.Status404NotFound, "Not found", field, rule);

    public static IResult Conflict(string field, string rule) => Problem(StatusCodes.Status409Conflict, "Conflict", field, rule);

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c>: the request has no key, or one that is unknown or revoked.</summary>
    public static IResult Unauthorized(HttpContext context, string rule, bool keyPresented)
    {
        context.Response.Headers.WWWAuthenticate = keyPresented ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Authorization", rule);
    }

    /// <summary>403: the request is refused whoever sends it, or its key lacks the scope.</summary>
    public static IResult Forbidden(string field, string rule) => Problem(StatusCodes.Status403Forbidden, "Forbidden", field, rule);

    /// <summary>408: the request (its body) did not arrive in time.</summary>
    public static IResult TimedOut(string field, string rule) => Problem(StatusCodes.Status408RequestTimeout, "Request timeout", field, rule);

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", "body", $"must be at most {limit} bytes");

    /// <summary>429 with Retry-After: the store is at capacity and kept nothing from the request.</summary>
    public static IResult Overloaded(HttpContext context, int retryAfterSeconds, string rule)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests, "Too many requests", "body", rule);
    }

    private static IResult Problem(int status, string title, string field, string rule) =>
        Results.Problem(
            detail: $"{field}: {rule}",
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
