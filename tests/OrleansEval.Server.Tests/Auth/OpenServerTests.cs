using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Auth;

/// <summary>Development on loopback without keys: the API is open, but a browser page of another site still cannot change anything.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class OpenServerTests(ServerFixture server)
{
    private const string Model = """{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}""";

    private const string Records = """[{"predictionId": "p-1", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "environment": "production", "features": {"x": 1.5}, "prediction": {"value": 2.0}}]""";

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task TextPlainPost_SentCrossSiteByABrowser_Is403AndIngestsNothing(string header, string value)
    {
        var id = NewModelId("open");
        using (var created = await server.Client.PutAsync($"/v1/models/{id}", Json(Model)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{id}/records") { Content = new StringContent(Records, Encoding.UTF8, "text/plain") };
        post.Headers.Add(header, value);

        using var refused = await server.Client.SendAsync(post);

        var problem = await AssertProblemAsync(refused, HttpStatusCode.Forbidden, header);
        Assert.Contains("cross-site", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}"))!["series"]!.AsArray());
    }

    [Fact]
    public async Task Post_FromThePageOfThisHost_IsNotRefusedAsCrossSite()
    {
        var id = NewModelId("open");
        using (var created = await server.Client.PutAsync($"/v1/models/{id}", Json(Model)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{id}/records") { Content = Json(Records) };
        post.Headers.Add("Origin", "http://localhost");
        post.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var accepted = await server.Client.SendAsync(post);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Request_NamingAnotherHost_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Host = "evil.example";

        using var refused = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
