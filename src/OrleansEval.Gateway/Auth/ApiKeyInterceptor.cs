using Grpc.Core;
using Grpc.Core.Interceptors;

namespace OrleansEval.Gateway.Auth;

/// <summary>
/// The key check of gRPC calls, before admission and the service: <c>authorization: Bearer &lt;key&gt;</c> metadata,
/// UNAUTHENTICATED without a known key, PERMISSION_DENIED without the method's scope. Keys off, every call passes.
/// </summary>
internal sealed class ApiKeyInterceptor(KeyRing keys) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await CheckAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await CheckAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await CheckAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await CheckAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task CheckAsync(ServerCallContext context)
    {
        if (!keys.KeysRequired)
        {
            return;
        }

        var header = context.RequestHeaders.GetValue("authorization");
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var caller = string.IsNullOrEmpty(token) ? null : await keys.IdentifyAsync(token, context.CancellationToken);
        if (caller is null)
        {
            var rule = string.IsNullOrEmpty(token) ? "an API key is required: send authorization: Bearer <key> metadata" : "the API key is unknown or revoked";
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"authorization: {rule}"));
        }

        var needed = RequiredScopes.OfGrpc(context.Method);
        if (!ScopeNames.Allows(caller.Scopes, needed))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"authorization: {ApiKeyMiddleware.ScopeRule(needed, caller.Scopes)}"));
        }
    }
}
