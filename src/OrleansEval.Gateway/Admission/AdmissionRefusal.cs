using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using OrleansEval.Gateway.Grpc;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Admission;

/// <summary>The answer to a request the node has no room for, written before its body is read.</summary>
internal static class AdmissionRefusal
{
    public const string Rule = "the gateway is at capacity; nothing from this request was read or kept";

    /// <summary>429 with Retry-After and the problem document every 429 of the API has.</summary>
    public static Task WriteHttpAsync(HttpContext context, int retryAfterSeconds) =>
        Problems.Overloaded(context, retryAfterSeconds, Rule).ExecuteAsync(context);

    /// <summary>
    /// RESOURCE_EXHAUSTED as a trailers-only response (the status and trailers travel in the headers, as gRPC itself
    /// answers a call that fails before its first message), with the "field" and "retry-after" trailers of every gRPC overload.
    /// </summary>
    public static Task WriteGrpcAsync(HttpContext context, string field, int retryAfterSeconds)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)StatusCode.ResourceExhausted).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = $"{field}: {Rule}";
        response.Headers[GrpcProblems.FieldTrailer] = field;
        response.Headers[GrpcProblems.RetryAfterTrailer] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }
}
