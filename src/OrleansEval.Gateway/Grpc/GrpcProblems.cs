using System.Globalization;
using Grpc.Core;
using OrleansEval.Gateway.Queries;

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

    /// <summary>The status a refused read stands for: INVALID_ARGUMENT or NOT_FOUND, as HTTP answers 400 or 404.</summary>
    public static RpcException From(QueryFailure failure) => failure.Kind switch
    {
        QueryFailureKind.NotFound => NotFound(failure.Field, failure.Rule),
        _ => Invalid(failure.Field, failure.Rule),
    };

    private static RpcException Exception(StatusCode code, string field, string rule) =>
        new(new Status(code, $"{field}: {rule}"), new Metadata { { FieldTrailer, field } });
}
