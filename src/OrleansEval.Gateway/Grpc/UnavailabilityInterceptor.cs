using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// gRPC's side of <see cref="ClusterUnavailableHandler"/>: a call that failed because storage could not take a write,
/// or the cluster did not answer, is <c>UNAVAILABLE</c> with a <c>retry-after</c> trailer and the same detail as the
/// HTTP 503, instead of gRPC's <c>UNKNOWN</c>; logged as the HTTP side logs it.
/// </summary>
internal sealed class UnavailabilityInterceptor(ILogger<UnavailabilityInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Unavailability.DetailFor(e) is { } detail)
        {
            Unavailability.Log(logger, context.Method, e);
            throw Unavailable(detail);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (Unavailability.DetailFor(e) is { } detail)
        {
            Unavailability.Log(logger, context.Method, e);
            throw Unavailable(detail);
        }
    }

    private static RpcException Unavailable(string detail) =>
        new(new Status(StatusCode.Unavailable, detail), new Metadata
        {
            { GrpcProblems.RetryAfterTrailer, Unavailability.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) },
        });
}
