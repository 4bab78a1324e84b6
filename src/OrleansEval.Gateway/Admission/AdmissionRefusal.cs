using Grpc.Core;
using Microsoft.AspNetCore.Http;
using OrleansEval.Gateway.Grpc;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Admission;

/// <summary>The answer to a request the node has no room for: nothing from it was kept.</summary>
internal static class AdmissionRefusal
{
    /// <summary>Every slot was taken (and the queue full, or the wait too long).</summary>
    public const string Rule = "the gateway is at capacity; nothing from this request was kept";

    /// <summary>The bodies being read already hold the node's whole body budget.</summary>
    public const string BodyBudgetRule = "the gateway is at capacity (request bodies in memory); nothing from this request was kept";

    /// <summary>429 with Retry-After and the problem document every 429 of the API has.</summary>
    public static IResult Http(HttpContext context, int retryAfterSeconds) => Problems.Overloaded(context, retryAfterSeconds, Rule);

    /// <summary>RESOURCE_EXHAUSTED with the "field" and "retry-after" trailers of every gRPC overload.</summary>
    public static RpcException Grpc(string field, int retryAfterSeconds) => GrpcProblems.Overloaded(retryAfterSeconds, field, Rule);

    /// <summary>RESOURCE_EXHAUSTED for message <paramref name="position"/> of a stream; the messages before it were kept.</summary>
    public static RpcException GrpcStream(string field, int retryAfterSeconds, int position) =>
        GrpcProblems.Overloaded(
            retryAfterSeconds,
            field,
            $"the gateway is at capacity; nothing from message {position} of the stream was kept (the {position} before it were)");
}
