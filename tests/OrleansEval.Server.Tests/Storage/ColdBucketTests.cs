using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>
/// Column and slice grains hold a bucket live only while records arrive for it; afterwards only its stored bytes. Once
/// the store's clock has passed the scenario's days, every grain is deactivated — its last write rolls the days up —
/// so that it answers from stored bytes alone: the drift, performance and slice answers must not change, and a late
/// record for a cold bucket must be counted once.
/// </summary>
public sealed class ColdBucketTests : IAsyncLifetime
{
    private static readonly string Scenario = Path.Combine(AppContext.BaseDirectory, "Scenario");
    private ServerFactory? _factory;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        // The clock moves three years on below; rows (which the slice listing's baseline comparison reads) are kept
        // for the longest retention, so that only buckets going cold and days rolling up can change an answer.
        _factory = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["OrleansEval:PersistInterval"] = "00:00:00.200",
            ["OrleansEval:RowRetention"] = "3660.00:00:00",
        });
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task DriftAndPerformance_AfterBucketsWentColdAndDaysRolledUp_AreUnchanged_AndALateRecordCountsOnce()
    {
        var id = NewModelId("cold");
        await new WeatherScenario(_client, Scenario).ReplayAsync(id);
        var january = $"/v1/models/{id}/drift?baseline=training&version=v1&environment=production&from=2013-01-01T00:00:00Z&to=2013-02-01T00:00:00Z";
        var all = $"/v1/models/{id}/drift?baseline=training&version=v1&environment=production&from=2013-01-01T00:00:00Z&to=2016-01-01T00:00:00Z";
        var performance = $"/v1/models/{id}/performance?version=v1&environment=production&from=2013-01-01T00:00:00Z&to=2016-01-01T00:00:00Z&granularity=month";
        var slices = $"/v1/models/{id}/slices?version=v1&environment=production&from=2013-01-01T00:00:00Z&to=2016-01-01T00:00:00Z";
        var januaryHot = await _client.GetStringAsync(january);
        var allHot = await _client.GetStringAsync(all);
        var performanceHot = await _client.GetStringAsync(performance);
        var slicesHot = await _client.GetStringAsync(slices);

        _factory!.Clock.Set(new DateTimeOffset(2016, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await _factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(januaryHot, await _client.GetStringAsync(january));
        Assert.Equal(allHot, await _client.GetStringAsync(all));
        Assert.Equal(performanceHot, await _client.GetStringAsync(performance));
        Assert.Equal(slicesHot, await _client.GetStringAsync(slices));

        using var late = await _client.PostAsync($"/v1/models/{id}/records", Json("""
            [{"predictionId": "late-1", "timestamp": "2013-01-15T12:00:00Z", "version": "v1", "environment": "production",
              "features": {"temp_max": 10.0, "temp_min": 2.0, "temp_range": 8.0, "wind": 3.0, "location": "Seattle"}}]
            """));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var after = await _client.GetStringAsync(january);
        Assert.Contains("\"count\":63", after, StringComparison.Ordinal);
        Assert.Contains("\"count\":62", januaryHot, StringComparison.Ordinal);
    }
}
