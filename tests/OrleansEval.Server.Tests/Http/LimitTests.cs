using System.Net;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

/// <summary>Request limits are configuration: a server with small limits answers 413 and 400, and keeps running.</summary>
public sealed class LimitTests : IAsyncLifetime
{
    private ServerFactory? _factory;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["Gateway:MaxBodyBytes"] = "4096",
            ["Gateway:MaxRecordsPerRequest"] = "3",
        });
        _client = _factory.CreateClient();
        using var response = await _client.PutAsync("/v1/models/limits", Json("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private static string Records(int count) =>
        $"[{string.Join(',', Enumerable.Range(0, count).Select(i => $$$"""{"predictionId": "{{{i}}}", "timestamp": "2024-01-01T00:00:00Z", "features": {"x": {{{i}}}}}"""))}]";

    [Fact]
    public async Task Post_BodyOverTheLimit_Is413AndTheServerStillAnswers()
    {
        using var tooLarge = await _client.PostAsync("/v1/models/limits/records", Json(Records(3) + new string(' ', 5000)));
        using var fine = await _client.PostAsync("/v1/models/limits/records", Json(Records(3)));

        await AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Post_MoreRecordsThanTheLimit_Is400()
    {
        using var response = await _client.PostAsync("/v1/models/limits/records", Json(Records(4)));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body");
        Assert.Contains("at most 3", problem["detail"]!.ToString(), StringComparison.Ordinal);
    }
}
