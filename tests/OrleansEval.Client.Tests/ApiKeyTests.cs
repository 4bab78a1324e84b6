using System.Net;
using System.Text;

namespace OrleansEval.Client.Tests;

public sealed class ApiKeyTests
{
    private static readonly Uri Server = new("http://store.test/");

    private static HttpResponseMessage Ok(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task EveryRequest_OfAClientWithAKey_CarriesItAsABearerToken()
    {
        var handler = new StubHandler(_ => Ok("{}"), _ => Ok("""{"accepted": 0, "rejected": []}"""), _ => Ok("{}"));
        var client = new OrleansEvalClient(new HttpClient(handler) { BaseAddress = Server }) { ApiKey = "oe.0123456789ab.secret" };

        await client.PutModelAsync("m", new ModelDefinition { Task = "regression" });
        await client.SendRecordsAsync("m", []);
        (await client.GetDriftAsync("m", "training")).Dispose();

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer oe.0123456789ab.secret", r.Request.Headers.Authorization?.ToString()));
    }

    [Fact]
    public async Task Requests_OfAClientWithoutAKey_CarryNoAuthorizationHeader()
    {
        var handler = new StubHandler(_ => Ok("{}"));
        var client = new OrleansEvalClient(new HttpClient(handler) { BaseAddress = Server });

        (await client.GetDriftAsync("m", "training")).Dispose();

        Assert.Null(handler.Requests.Single().Request.Headers.Authorization);
    }
}
