using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>A server of the metrics tests' own, with what they send to it: a model, records, queries and a scrape.</summary>
public sealed class MetricsServer : IAsyncLifetime
{
    private const string Model = """{"task": "binary_classification", "positiveLabel": "1", "negativeLabel": "0", "features": [{"name": "location", "type": "categorical"}, {"name": "temp_max", "type": "numeric"}]}""";

    private readonly ServerFactory _factory = new();

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>Registers a model of a new id and returns the id.</summary>
    public async Task<string> RegisterAsync()
    {
        var id = $"metrics-{Guid.NewGuid():N}"[..20];
        using var response = await Client.PutAsync($"/v1/models/{id}", Json(Model));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    /// <summary>Sends <paramref name="good"/> good records, and records with a bad timestamp or a bad feature; returns the answer.</summary>
    public async Task<JsonObject> SendAsync(string modelId, int good, int badTimestamps, int badFeatures)
    {
        var records = Enumerable.Range(0, good).Select(i => Record($"ok-{i}", "2013-01-01T00:00:00Z", "1.5"))
            .Concat(Enumerable.Range(0, badTimestamps).Select(i => Record($"time-{i}", "13 o'clock", "1.5")))
            .Concat(Enumerable.Range(0, badFeatures).Select(i => Record($"feature-{i}", "2013-01-01T00:00:00Z", "\"warm\"")));
        using var response = await Client.PostAsync($"/v1/models/{modelId}/records", Json($"[{string.Join(',', records)}]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>The samples <c>/metrics</c> answers now.</summary>
    public async Task<PrometheusText> ScrapeAsync()
    {
        using var response = await Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string Record(string id, string timestamp, string temperature) =>
        $$$"""{"predictionId": "{{{id}}}", "timestamp": "{{{timestamp}}}", "version": "v1", "environment": "production", "features": {"location": "Seattle", "temp_max": {{{temperature}}}}, "prediction": {"label": "1", "score": 0.7}}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
