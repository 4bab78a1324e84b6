using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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

        var handled = await new ClusterUnavailableHandler().TryHandleAsync(context, (Exception)Activator.CreateInstance(exceptionType)!, CancellationToken.None);

        Assert.True(handled);
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

        var handled = await new ClusterUnavailableHandler().TryHandleAsync(
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

    [Fact]
    public async Task TryHandle_AnyOtherException_IsLeftToTheDefaultHandler()
    {
        var context = NewContext();

        Assert.False(await new ClusterUnavailableHandler().TryHandleAsync(context, new InvalidOperationException(), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    private static DefaultHttpContext NewContext() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };
}
