using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Admission;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Tests.Http;

public sealed class RequestBodyTests : IDisposable
{
    private const long Limit = 1024 * 1024;

    private readonly ServiceProvider _services;

    public RequestBodyTests()
    {
        var options = Options.Create(new AdmissionOptions { MaxBufferedBodyBytes = 256 * 1024 });
        _services = new ServiceCollection()
            .AddMetrics()
            .AddSingleton(options)
            .AddSingleton(sp => new BodyBudget(options, sp.GetRequiredService<IMeterFactory>()))
            .BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    private BodyBudget Budget => _services.GetRequiredService<BodyBudget>();

    private HttpRequest Request(Stream body, long? declaredLength)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Body = body;
        context.Request.ContentLength = declaredLength;
        return context.Request;
    }

    private static int? Status(IResult? problem) => (problem as ProblemHttpResult)?.StatusCode;

    [Fact]
    public async Task ReadAsync_ABodyLargerThanTheFirstBuffer_ReadsItWhole_CountingWhatArrivedNotWhatWasDeclared()
    {
        var bytes = Enumerable.Range(0, 150_000).Select(i => (byte)i).ToArray();

        var (read, problem) = await RequestBody.ReadAsync(Request(new MemoryStream(bytes), declaredLength: null), Limit);

        Assert.Null(problem);
        Assert.Equal(bytes, read.ToArray());
        Assert.InRange(Budget.Reserved, bytes.Length, 2 * bytes.Length);
    }

    [Fact]
    public async Task ReadAsync_ABodyThatDoesNotFitTheBudget_Is429()
    {
        var (_, problem) = await RequestBody.ReadAsync(Request(new MemoryStream(new byte[300_000]), declaredLength: null), Limit);

        Assert.Equal(StatusCodes.Status429TooManyRequests, Status(problem));
    }

    [Fact]
    public async Task ReadAsync_OneByteOverTheLimit_Is413_AndExactlyTheLimit_IsRead()
    {
        var overLimit = await RequestBody.ReadAsync(Request(new MemoryStream(new byte[2049]), declaredLength: null), 2048);
        var atLimit = await RequestBody.ReadAsync(Request(new MemoryStream(new byte[2048]), declaredLength: 2048), 2048);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, Status(overLimit.Problem));
        Assert.Null(atLimit.Problem);
        Assert.Equal(2048, atLimit.Bytes.Length);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, StatusCodes.Status400BadRequest)]
    [InlineData(StatusCodes.Status408RequestTimeout, StatusCodes.Status408RequestTimeout)]
    [InlineData(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status413PayloadTooLarge)]
    public async Task ReadAsync_WhenTheServerRejectsTheBody_AnswersTheClientErrorInsteadOfThrowing(int rejected, int answered)
    {
        var body = new FailingStream(new BadHttpRequestException("Unexpected end of request content.", rejected));

        var (_, problem) = await RequestBody.ReadAsync(Request(body, declaredLength: 100), Limit);

        Assert.Equal(answered, Status(problem));
    }

    [Fact]
    public async Task ReadAsync_WhenTheConnectionBreaks_AnswersInsteadOfThrowing()
    {
        var (_, problem) = await RequestBody.ReadAsync(Request(new FailingStream(new IOException("reset by peer")), declaredLength: 100), Limit);

        Assert.Equal(StatusCodes.Status400BadRequest, Status(problem));
    }

    [Fact]
    public async Task ReadAsync_WhenKestrelFindsAChunkSizeTooLargeForAnInt_Answers400_AndClosesTheConnectionAfterTheAnswer()
    {
        // Kestrel's own failure for the chunk-size line FFFFFFFFFFFFFFFFFFFF: an IOException around the overflow.
        var request = Request(new FailingStream(new IOException("Bad chunk size data.", new OverflowException())), declaredLength: null);
        var lifetime = new RecordingLifetime();
        request.HttpContext.Features.Set<IHttpRequestLifetimeFeature>(lifetime);

        var (_, problem) = await RequestBody.ReadAsync(request, Limit);

        Assert.Equal(StatusCodes.Status400BadRequest, Status(problem));
        Assert.False(lifetime.Aborted, "the connection was aborted, so the answer would never be sent");
        Assert.Equal("close", request.HttpContext.Response.Headers.Connection.ToString());
    }

    /// <summary>A request lifetime that records an abort instead of acting on it.</summary>
    private sealed class RecordingLifetime : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }

    /// <summary>A body whose first read fails as Kestrel's does for a broken body or connection.</summary>
    private sealed class FailingStream(Exception failure) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(failure);
    }
}
