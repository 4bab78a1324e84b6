using Azure;
using Grpc.Core;
using OrleansEval.Gateway.Grpc;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Tests.Grpc;

public sealed class UnavailabilityInterceptorTests
{
    [Fact]
    public async Task UnaryCall_WhereStorageCouldNotTakeAWrite_IsUnavailableWithARetryAfterTrailer()
    {
        var interceptor = new UnavailabilityInterceptor();

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "batch", null!, (_, _) => throw new StoreUnavailableException("slice m/v1/production/@all has not been able to persist for 31 s")));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("nothing of this request was acknowledged", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("1", failure.Trailers.GetValue("retry-after"));
    }

    [Fact]
    public async Task UnaryCall_WhereAGrainCouldNotReadItsStateAtActivation_IsUnavailableWithARetryAfterTrailer()
    {
        var interceptor = new UnavailabilityInterceptor();

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "batch", null!, (_, _) => throw new OrleansException("Error from storage provider AzureBlobGrainStorage.model during ReadStateAsync", new RequestFailedException(503, "The server is busy."))));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Equal("1", failure.Trailers.GetValue("retry-after"));
    }

    [Fact]
    public async Task UnaryCall_ThatFailsOtherwise_KeepsItsOwnException()
    {
        var interceptor = new UnavailabilityInterceptor();

        await Assert.ThrowsAsync<InvalidOperationException>(() => interceptor.UnaryServerHandler<string, string>(
            "batch", null!, (_, _) => throw new InvalidOperationException("a bug")));
    }
}
