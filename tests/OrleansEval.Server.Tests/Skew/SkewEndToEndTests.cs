using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.WorstSlices;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Skew;

/// <summary>
/// A feature computed differently online: the production rows carry the training values of feature <c>a</c> shifted by
/// one row, as a join on the wrong key does. Its distribution does not move at all — drift is exactly zero — while every
/// prediction id's value differs, and the skew check says so; the features computed the same way do not differ.
/// </summary>
public sealed class SkewEndToEndTests(WorstSliceServer server) : IClassFixture<WorstSliceServer>
{
    private const int Count = 2_000;
    private static readonly DateTimeOffset Day = new(2015, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Window = "from=2015-07-01T00:00:00Z&to=2015-07-02T00:00:00Z";

    [Fact]
    public async Task Skew_CatchesAFeatureShuffledAmongRows_WhileItsDriftIsExactlyZero()
    {
        var id = NewModelId("skew");
        using var registered = await server.Client.PutAsync($"/v1/models/{id}", Json("""
            {"task": "binary_classification", "bucket": "1h",
             "features": [{"name": "a", "type": "numeric"}, {"name": "b", "type": "numeric"}, {"name": "c", "type": "categorical"}]}
            """));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await SendAsync(id, "training", i => i);
        await SendAsync(id, "production", i => (i + 1) % Count);
        using var frozen = await server.Client.PutAsync($"/v1/models/{id}/baselines/offline", Json($$"""
            {"version": "v1", "environment": "training", "from": "2015-07-01T00:00:00Z", "to": "2015-07-02T00:00:00Z"}
            """));
        Assert.True(frozen.IsSuccessStatusCode, await frozen.Content.ReadAsStringAsync());

        var skew = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/skew?reference=training&current=production&version=v1&{Window}"))!;
        var drift = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/drift?baseline=offline&version=v1&environment=production&{Window}"))!;

        Assert.Equal(Count, skew["joined"]!.GetValue<long>());
        var features = skew["features"]!.AsArray();
        var a = features[0]!;
        Assert.Equal("a", a["name"]!.GetValue<string>());
        Assert.Equal(Count, a["compared"]!.GetValue<long>());
        Assert.Equal(1.0, a["mismatchRate"]!.GetValue<double>());
        // |a(i+1) − a(i)| is 0.5 but once, where the last row takes the first row's value: (1,999 · 0.5 + 999.5) / 2,000.
        Assert.Equal(((Count - 1) * 0.5 + ((Count - 1) * 0.5)) / Count, a["meanAbsDifference"]!.GetValue<double>(), 1e-9);
        Assert.Equal((Count - 1) * 0.5, a["maxAbsDifference"]!.GetValue<double>(), 1e-9);
        var example = a["examples"]!.AsArray()[0]!;
        Assert.NotEqual(example["reference"]!.GetValue<string>(), example["current"]!.GetValue<string>());
        Assert.All(features.Skip(1), f => Assert.Equal(0, f!["mismatched"]!.GetValue<long>()));
        Assert.Equal(["b", "c"], features.Skip(1).Select(f => f!["name"]!.GetValue<string>()).Order());

        var driftOfA = drift["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "a")!;
        Assert.Equal(0, driftOfA["psi"]!.GetValue<double>());
        Assert.Equal(0, driftOfA["ks"]!["statistic"]!.GetValue<double>());
        Assert.False(driftOfA["drifted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Skew_RefusesAMissingOrSameReference_AndAnswersIdsThatNeverJoinWithTheReason()
    {
        var id = NewModelId("skew-bad");
        using var registered = await server.Client.PutAsync($"/v1/models/{id}", Json("""
            {"task": "binary_classification", "features": [{"name": "a", "type": "numeric"}, {"name": "b", "type": "numeric"}, {"name": "c", "type": "categorical"}]}
            """));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await SendAsync(id, "production", i => i);

        using var missing = await server.Client.GetAsync($"/v1/models/{id}/skew?version=v1&{Window}");
        using var same = await server.Client.GetAsync($"/v1/models/{id}/skew?reference=production&version=v1&{Window}");
        using var unknown = await server.Client.GetAsync($"/v1/models/{id}/skew?reference=training&version=v1&{Window}");
        using var tolerance = await server.Client.GetAsync($"/v1/models/{id}/skew?reference=v1@training&version=v1&{Window}&tolerance=-1");

        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "reference");
        await AssertProblemAsync(same, HttpStatusCode.BadRequest, "reference");
        await AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "reference");
        await AssertProblemAsync(tolerance, HttpStatusCode.BadRequest, "tolerance");

        await SendAsync(id, "validation", i => i, idPrefix: "other");
        var apart = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/skew?reference=validation&version=v1&{Window}"))!;
        Assert.Equal(0, apart["joined"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(apart["reason"]!.GetValue<string>()));
    }

    private async Task SendAsync(string id, string environment, Func<int, int> sourceOfA, string idPrefix = "p")
    {
        var body = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            body.Append(new JsonObject
            {
                ["predictionId"] = $"{idPrefix}{i}",
                ["timestamp"] = Day.AddSeconds(i * 10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["version"] = "v1",
                ["environment"] = environment,
                ["features"] = new JsonObject { ["a"] = sourceOfA(i) * 0.5, ["b"] = i % 13, ["c"] = $"k{i % 7}" },
                ["prediction"] = new JsonObject { ["score"] = i % 10 / 10.0 },
            }.ToJsonString()).Append('\n');
        }

        using var response = await server.Client.PostAsync($"/v1/models/{id}/records", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
