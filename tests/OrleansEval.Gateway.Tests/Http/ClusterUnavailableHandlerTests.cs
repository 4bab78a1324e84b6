using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using OrleansEval.Gateway.Http;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Tests.Http;

public sealed class ClusterUnavailableHandlerTests
{
    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(SiloUnavailableException))]
    public async Task TryHandle_AGrainCallThatTimedOutOrWasLost_Is503WithRetryAfterAndSaysToResendUnderTheSameKey(Type exceptionType)
    {
        var context = NewContext();
        var logger = new FakeLogger<ClusterUnavailableHandler>();
        var exception = (Exception)Activator.CreateInstance(exceptionType)!;

        var handled = await new ClusterUnavailableHandler(logger).TryHandleAsync(context, exception, CancellationToken.None);

        Assert.True(handled);
        var logged = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Same(exception, logged.Exception);
        Assert.Contains(exceptionType.Name, logged.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Contains("same Idempotency-Key", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandle_StorageThatCouldNotTakeAWrite_Is503WithRetryAfterAndSaysNothingWasAcknowledged()
    {
        var context = NewContext();

        var handled = await new ClusterUnavailableHandler(NullLogger<ClusterUnavailableHandler>.Instance).TryHandleAsync(
            context, new AggregateException(new StoreUnavailableException("column m/v1/production/x has not been able to persist for 31 s")), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.Contains("nothing of this request was acknowledged", detail, StringComparison.Ordinal);
        Assert.Contains("same Idempotency-Key", detail, StringComparison.Ordinal);
    }

    public static TheoryData<Exception> StorageFaults() => new()
    {
        new OrleansException("Error from storage provider AzureBlobGrainStorage.model during ReadStateAsync", new RequestFailedException(503, "The server is busy.")),
        new AggregateException("Retry failed after 4 tries.", new RequestFailedException("Connection refused (127.0.0.1:10000)")),
        new RequestFailedException(500, "The server encountered an internal error."),
    };

    [Theory]
    [MemberData(nameof(StorageFaults))]
    public async Task TryHandle_AStorageRequestThatFailedAsItselfOrWrappedByOrleans_Is503WithRetryAfter(Exception fault)
    {
        var context = NewContext();

        var handled = await new ClusterUnavailableHandler(NullLogger<ClusterUnavailableHandler>.Instance).TryHandleAsync(context, fault, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Contains("nothing of this request was acknowledged", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandle_AnOrleansExceptionNotCausedByStorage_IsLeftToTheDefaultHandler()
    {
        var context = NewContext();

        Assert.False(await new ClusterUnavailableHandler(NullLogger<ClusterUnavailableHandler>.Instance).TryHandleAsync(
            context, new OrleansException("a grain failed", new InvalidOperationException("a bug")), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task TryHandle_AnyOtherException_IsLeftToTheDefaultHandler()
    {
        var context = NewContext();

        Assert.False(await new ClusterUnavailableHandler(NullLogger<ClusterUnavailableHandler>.Instance).TryHandleAsync(context, new InvalidOperationException(), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    private static DefaultHttpContext NewContext() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };
}
