using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansEval.Testing;
using OrleansEval.Gateway.Admission;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

/// <summary>
/// A broken request body is the client's error, answered as one over a real connection and never logged as an error:
/// a bad chunk-size line is 400, a body that stalls short of its Content-Length 408, and after a client resets its
/// connection mid-body the server answers the next ingest.
/// </summary>
public sealed class RequestBodyErrorTests(KestrelServerFixture server) : IClassFixture<KestrelServerFixture>
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    private const string Record = """[{"predictionId": "p-1", "timestamp": "2024-01-01T00:00:00Z", "features": {"x": 1}}]""";

    private static async Task<string> NewModelAsync(HttpClient client)
    {
        var id = NewModelId("body");
        using var created = await client.PutAsync($"/v1/models/{id}", Json("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return id;
    }

    [Fact]
    public async Task Post_ChunkedBodyWithABadChunkSizeLine_Is400()
    {
        using var client = server.CreateClient();
        var id = await NewModelAsync(client);
        var errorsBefore = server.Logs.AtLeast(LogLevel.Error).Count;
        using var connection = await RawHttpConnection.OpenAsync(server.BaseAddress);

        await connection.SendAsync(RawHttpConnection.Head($"/v1/models/{id}/records", "Transfer-Encoding: chunked\r\n") + "zz\r\n[]\r\n0\r\n\r\n");

        Assert.Equal(400, await connection.StatusAsync(AnswerTimeout));
        Assert.Empty(server.Logs.AtLeast(LogLevel.Error).Skip(errorsBefore));
    }

    [Theory]
    [InlineData("FFFFFFFFFFFFFFFFFFFF\r\n[]\r\n0\r\n\r\n")]
    [InlineData("FFFFFFFFFFFFFFFFFFFF\r\n")]
    public async Task Post_ChunkedBodyWhoseChunkSizeOverflows_Is400(string chunks)
    {
        using var client = server.CreateClient();
        var id = await NewModelAsync(client);
        var errorsBefore = server.Logs.AtLeast(LogLevel.Error).Count;
        using var connection = await RawHttpConnection.OpenAsync(server.BaseAddress);

        await connection.SendAsync(RawHttpConnection.Head($"/v1/models/{id}/records", "Transfer-Encoding: chunked\r\n") + chunks);

        Assert.Equal(400, await connection.StatusAsync(AnswerTimeout));
        Assert.Empty(server.Logs.AtLeast(LogLevel.Error).Skip(errorsBefore));
    }

    [Fact]
    public async Task Post_BodyShorterThanItsContentLengthThatStalls_Is408AfterTheGracePeriod()
    {
        using var client = server.CreateClient();
        var id = await NewModelAsync(client);
        var errorsBefore = server.Logs.AtLeast(LogLevel.Error).Count;
        using var connection = await RawHttpConnection.OpenAsync(server.BaseAddress);

        await connection.SendAsync(RawHttpConnection.Head($"/v1/models/{id}/records", "Content-Length: 500\r\n") + "[");

        Assert.Equal(408, await connection.StatusAsync(AnswerTimeout));
        Assert.Empty(server.Logs.AtLeast(LogLevel.Error).Skip(errorsBefore));
    }

    [Fact]
    public async Task Post_ClientThatResetsItsConnectionMidBody_LogsNoError_AndTheServerStillAnswers()
    {
        using var client = server.CreateClient();
        var id = await NewModelAsync(client);
        var budget = server.Services.GetRequiredService<BodyBudget>();
        var errorsBefore = server.Logs.AtLeast(LogLevel.Error).Count;

        using (var connection = await RawHttpConnection.OpenAsync(server.BaseAddress))
        {
            await connection.SendAsync(RawHttpConnection.Head($"/v1/models/{id}/records", "Content-Length: 500\r\n") + Record[..20]);
            await Eventually.UntilAsync(() => budget.Reserved > 0, "the server started reading the body", AnswerTimeout);
            connection.Reset();
        }

        await Eventually.UntilAsync(() => budget.Reserved == 0, "the server finished with the request", AnswerTimeout);
        using var next = await client.PostAsync($"/v1/models/{id}/records", Json(Record));

        Assert.Empty(server.Logs.AtLeast(LogLevel.Error).Skip(errorsBefore));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

}
