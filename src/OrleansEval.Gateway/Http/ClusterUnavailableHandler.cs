using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace OrleansEval.Gateway.Http;

/// <summary>
/// A grain call that did not answer in time, or a cluster that refused or lost it, is the service being overloaded or
/// unavailable, not a bad request and not a bug: it is answered 503 with Retry-After. The request may or may not have
/// been applied, so the answer says to send it again under the same Idempotency-Key, which applies it at most once.
/// </summary>
internal sealed class ClusterUnavailableHandler : IExceptionHandler
{
    /// <summary>Seconds the client is asked to wait before sending the request again.</summary>
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not (TimeoutException or SiloUnavailableException or OrleansMessageRejectionException) || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Results.Problem(
            detail: "the cluster did not answer in time; the request may or may not have been applied: send it again with the same Idempotency-Key",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Service unavailable").ExecuteAsync(httpContext);
        return true;
    }
}
