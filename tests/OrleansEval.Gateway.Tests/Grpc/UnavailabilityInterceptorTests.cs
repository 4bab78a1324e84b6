using Azure;
using Grpc.Core;
using Microsoft.Extensions.Logging.Testing;
using OrleansEval.Gateway.Grpc;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Tests.Grpc;

public sealed class UnavailabilityInterceptorTests
{
    [Fact]
    public async Task UnaryCall_WhereStorageCouldNotTakeAWrite_IsUnavailableWithARetryAfterTrailer()
    {
        var logger = new FakeLogger<UnavailabilityInterceptor>();
        var interceptor = new UnavailabilityInterceptor(logger);

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "batch", new IngestCallContext(), (_, _) => throw new StoreUnavailableException("slice m/v1/production/@all has not been able to persist for 31 s")));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("nothing of this request was acknowledged", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("1", failure.Trailers.GetValue("retry-after"));
        var logged = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains(IngestCallContext.Ingest, logged.Message, StringComparison.Ordinal);
        Assert.IsType<StoreUnavailableException>(logged.Exception);
    }

    [Fact]
    public async Task UnaryCall_WhereAGrainCouldNotReadItsStateAtActivation_IsUnavailableWithARetryAfterTrailer()
    {
        var logger = new FakeLogger<UnavailabilityInterceptor>();
        var interceptor = new UnavailabilityInterceptor(logger);

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "batch", new IngestCallContext(), (_, _) => throw new OrleansException("Error from storage provider AzureBlobGrainStorage.model during ReadStateAsync", new RequestFailedException(503, "The server is busy."))));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Equal("1", failure.Trailers.GetValue("retry-after"));
    }

    [Fact]
    public async Task UnaryCall_ThatFailsOtherwise_KeepsItsOwnException()
    {
        var logger = new FakeLogger<UnavailabilityInterceptor>();
        var interceptor = new UnavailabilityInterceptor(logger);

        await Assert.ThrowsAsync<InvalidOperationException>(() => interceptor.UnaryServerHandler<string, string>(
            "batch", new IngestCallContext(), (_, _) => throw new InvalidOperationException("a bug")));
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    /// <summary>The context of a call to Ingest: only its method is read.</summary>
    private sealed class IngestCallContext : ServerCallContext
    {
        public const string Ingest = "/orleanseval.v1.IngestService/Ingest";

        protected override string MethodCore => Ingest;

        protected override string HostCore => "127.0.0.1";

        protected override string PeerCore => "ipv4:127.0.0.1:50000";

        protected override DateTime DeadlineCore => DateTime.MaxValue;

        protected override Metadata RequestHeadersCore { get; } = [];

        protected override CancellationToken CancellationTokenCore => CancellationToken.None;

        protected override Metadata ResponseTrailersCore { get; } = [];

        protected override Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
