using System.Net;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>
/// <c>/metrics</c> after real work: the ingest counters move by exactly what the answer acknowledged and rejected (by
/// reason), the query's latency histogram by one request of its route, and Orleans' and the runtime's meters are there.
/// </summary>
[Collection(MetricsTestGroup.Name)]
public sealed class MetricsEndpointTests(MetricsServer server) : IClassFixture<MetricsServer>
{
    private const string Accepted = "orleanseval_gateway_ingest_accepted_total";
    private const string Rejected = "orleanseval_gateway_ingest_rejected_total";
    private const string RequestCount = "http_server_request_duration_seconds_count";

    [Fact]
    public async Task Scrape_AfterAnIngest_ShowsEachCounterMovedByExactlyWhatTheAnswerSaid()
    {
        var modelId = await server.RegisterAsync();
        var before = await server.ScrapeAsync();

        var answer = await server.SendAsync(modelId, good: 7, badTimestamps: 2, badFeatures: 3);
        var after = await server.ScrapeAsync();

        Assert.Equal(7, answer["accepted"]!.GetValue<int>());
        Assert.Equal(7, Moved(before, after, Accepted, ("kind", "record"), ("protocol", "http")));
        Assert.Equal(2, Moved(before, after, Rejected, ("kind", "record"), ("reason", "timestamp")));
        Assert.Equal(3, Moved(before, after, Rejected, ("kind", "record"), ("reason", "features")));
        Assert.Equal(5, Moved(before, after, Rejected));
    }

    [Fact]
    public async Task Scrape_AfterAQuery_CountsItUnderItsRoute_AndExportsOrleansAndRuntimeMeters()
    {
        var modelId = await server.RegisterAsync();
        const string route = "/v1/models/{modelId}/performance";
        var before = await server.ScrapeAsync();

        using var query = await server.Client.GetAsync($"/v1/models/{modelId}/performance?version=v1&from=2013-01-01T00:00:00Z&to=2013-02-01T00:00:00Z");
        var after = await server.ScrapeAsync();

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(1, Moved(before, after, RequestCount, ("http_route", route)));
        Assert.True(after.Sum("orleans_catalog_activations") > 0, "no grain activation is counted");
        Assert.Contains("dotnet_gc_collections_total", after.Names);
    }

    private static double Moved(PrometheusText before, PrometheusText after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
