using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansEval.Gateway.Http;

/// <summary>
/// A grain call that did not answer in time, a cluster that refused or lost it, or storage that could not take a write,
/// is the service being unavailable, not a bad request and not a bug: it is answered 503 with Retry-After. A storage
/// fault acknowledged nothing; a lost call may or may not have been applied. Either way the answer says to send the
/// request again under the same Idempotency-Key, which applies it at most once. Each such answer is logged with the
/// exception behind it (<see cref="Unavailability.Log"/>): the client sees only the 503, the operator sees why.
/// </summary>
internal sealed class ClusterUnavailableHandler(ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds the client is asked to wait before sending the request again.</summary>
    public const int RetryAfterSeconds = Unavailability.RetryAfterSeconds;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (Unavailability.DetailFor(exception) is not { } detail || httpContext.Response.HasStarted)
        {
            return false;
        }

        Unavailability.Log(logger, $"{httpContext.Request.Method} {httpContext.Request.Path}", exception);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Results.Problem(
            detail: detail,
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Service unavailable").ExecuteAsync(httpContext);
        return true;
    }
}
