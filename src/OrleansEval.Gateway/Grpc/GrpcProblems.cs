using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// gRPC statuses with the details the HTTP problems carry: the detail reads "field: rule" and a "field" trailer names
/// the field; an overload carries a "retry-after" trailer in seconds.
/// </summary>
internal static class GrpcProblems
{
    /// <summary>Trailer naming the field at fault.</summary>
    public const string FieldTrailer = "field";

    /// <summary>Trailer telling an overloaded client how many seconds to wait.</summary>
    public const string RetryAfterTrailer = "retry-after";

    public static RpcException Invalid(string field, string rule) => Exception(StatusCode.InvalidArgument, field, rule);

    public static RpcException NotFound(string field, string rule) => Exception(StatusCode.NotFound, field, rule);

    /// <summary>FAILED_PRECONDITION, as every HTTP 409 maps: the request contradicts what the store already holds.</summary>
    public static RpcException Conflict(string field, string rule) => Exception(StatusCode.FailedPrecondition, field, rule);

    public static RpcException Overloaded(int retryAfterSeconds, string field, string rule)
    {
        var exception = Exception(StatusCode.ResourceExhausted, field, rule);
        exception.Trailers.Add(RetryAfterTrailer, retryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        return exception;
    }

    /// <summary>The status an HTTP problem (from <see cref="Http.Problems"/>) stands for.</summary>
    public static RpcException From(IResult problem)
    {
        if (problem is not ProblemHttpResult result)
        {
            return new RpcException(new Status(StatusCode.Internal, "the answer was neither a document nor a problem"));
        }

        var details = result.ProblemDetails;
        var code = result.StatusCode switch
        {
            StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge => StatusCode.InvalidArgument,
            StatusCodes.Status404NotFound => StatusCode.NotFound,
            StatusCodes.Status409Conflict => StatusCode.FailedPrecondition,
            StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
            _ => StatusCode.Internal,
        };
        var trailers = new Metadata();
        if (details.Extensions.TryGetValue(FieldTrailer, out var field) && field is string name)
        {
            trailers.Add(FieldTrailer, name);
        }

        return new RpcException(new Status(code, details.Detail ?? details.Title ?? string.Empty), trailers);
    }

    private static RpcException Exception(StatusCode code, string field, string rule) =>
        new(new Status(code, $"{field}: {rule}"), new Metadata { { FieldTrailer, field } });
}
