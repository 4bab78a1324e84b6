using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;

namespace OrleansEval.Gateway.Admission;

/// <summary>
/// Puts the gRPC methods marked <see cref="IngestAdmissionAttribute"/> behind the node's <see cref="AdmissionLimiter"/>.
/// It runs once gRPC has received the request message, so a slot is held only while the node works on it: a unary call
/// holds one for its handler; a client stream holds one per message, from the moment the message has arrived until the
/// handler asks for the next, and none while it waits for the client.
/// </summary>
internal sealed class AdmissionInterceptor(AdmissionLimiter limiter) : Interceptor
{
    private const string Protocol = "grpc";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (Admission(context) is not { } admission)
        {
            return await continuation(request, context);
        }

        using var slot = await limiter.TryEnterAsync(Protocol, context.CancellationToken)
            ?? throw AdmissionRefusal.Grpc(admission.Field, limiter.RetryAfterSeconds);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Admission(context) is not { } admission)
        {
            return await continuation(requestStream, context);
        }

        using var admitted = new AdmittedStreamReader<TRequest>(requestStream, limiter, admission.Field);
        return await continuation(admitted, context);
    }

    private static IngestAdmissionAttribute? Admission(ServerCallContext context) =>
        context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<IngestAdmissionAttribute>();
}
