using System.Net;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>The Orleans dashboard: absent unless <c>OrleansDashboard:Enabled</c>, and then served on its own port alone when it has one.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class OrleansDashboardTests(ServerFixture server)
{
    private const string Path = "/orleans-dashboard/";
    private const int Port = 47913;

    [Fact]
    public async Task Dashboard_ByDefault_IsNotServed()
    {
        using var response = await server.Client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WhenEnabledWithAPort_AnswersOnThatPortAlone()
    {
        await using var factory = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["OrleansDashboard:Enabled"] = "true",
            ["OrleansDashboard:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = factory.CreateClient();

        using var onItsPort = new HttpRequestMessage(HttpMethod.Get, Path);
        onItsPort.Headers.Host = $"localhost:{Port}";
        using var answered = await client.SendAsync(onItsPort);
        using var elsewhere = await client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("text/html", answered.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }
}
