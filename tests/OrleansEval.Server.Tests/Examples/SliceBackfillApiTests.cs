using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using OrleansEval.Testing;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Examples;

/// <summary>A named slice defined after the weather scenario's records and backfilled, over HTTP.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class SliceBackfillApiTests(ServerFixture server)
{
    private static readonly string Scenario = Path.Combine(AppContext.BaseDirectory, "Scenario");
    private const string Years = "version=v1&from=2013-01-01T00:00:00Z&to=2016-01-01T00:00:00Z";
    private const string Conditions = """{"conditions": ["location = Seattle", "temp_max in [10, inf)"]""";

    [Fact]
    public async Task Backfill_OfASliceDefinedAfterAReplay_AnswersTheSamePerformanceAsOneDefinedBefore_AndAgainCountsOnce()
    {
        var id = NewModelId("backfill");
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        using var before = await server.Client.PutAsync($"/v1/models/{id}/slices/before", Json(Conditions + "}"));
        before.EnsureSuccessStatusCode();
        await scenario.SendAsync(id, WeatherScenario.ProductionFile, "production", withActuals: false);
        var rows = new WeatherRows(Scenario);
        await rows.SendActualsAsync(server.Client, id);

        using var defined = await server.Client.PutAsync($"/v1/models/{id}/slices/after", Json(Conditions + """, "backfill": true}"""));
        Assert.Equal(HttpStatusCode.Accepted, defined.StatusCode);
        var location = defined.Headers.Location!.ToString();
        Assert.Equal($"/v1/models/{id}/slices/after:backfill", location);
        var answer = (await defined.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("after", answer["name"]!.GetValue<string>());
        Assert.Equal("after", answer["backfill"]!["slice"]!.GetValue<string>());
        var done = await DoneAsync(location);

        var inSlice = rows.SeattleWarm(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal(inSlice.Count, done["rowsCounted"]!.GetValue<long>());
        Assert.Equal(rows.Records.Count, done["rowsRead"]!.GetValue<long>());
        Assert.Equal(inSlice[0].Time, done["through"]!.GetValue<DateTimeOffset>());
        Assert.False(done["sampled"]!.GetValue<bool>());
        var expected = await PerformanceAsync(id, "before");
        Assert.Equal(expected, await PerformanceAsync(id, "after"));

        using var again = await server.Client.PostAsync(location, null);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await DoneAsync(location);
        Assert.Equal(expected, await PerformanceAsync(id, "after"));

        var listing = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/slices?{Years}"))!;
        var listed = listing["slices"]!.AsArray().Single(s => s!["slice"]!.GetValue<string>() == "after")!;
        Assert.Equal("done", listed["backfill"]!["state"]!.GetValue<string>());
        Assert.Equal(inSlice[0].Time, listed["backfill"]!["through"]!.GetValue<DateTimeOffset>());
        Assert.Null(listing["slices"]!.AsArray().Single(s => s!["slice"]!.GetValue<string>() == "before")!["backfill"]);
    }

    [Fact]
    public async Task Backfill_OfAnUnknownSliceOrModel_Is404_AndAStatusNeverStartedIs404()
    {
        var id = NewModelId("nobackfill");
        await new WeatherScenario(server.Client, Scenario).RegisterAsync(id);

        using var slice = await server.Client.PostAsync($"/v1/models/{id}/slices/missing:backfill", null);
        using var model = await server.Client.PostAsync($"/v1/models/{NewModelId("nomodel")}/slices/missing:backfill", null);
        using var status = await server.Client.GetAsync($"/v1/models/{id}/slices/missing:backfill");

        await AssertProblemAsync(slice, HttpStatusCode.NotFound, "name");
        await AssertProblemAsync(model, HttpStatusCode.NotFound, "modelId");
        await AssertProblemAsync(status, HttpStatusCode.NotFound, "name");
    }

    private async Task<JsonObject> DoneAsync(string location)
    {
        var status = await Eventually.UntilAsync(
            async () => (await server.Client.GetFromJsonAsync<JsonObject>(location))!,
            s => s["state"]!.GetValue<string>() != "running",
            s => s.ToJsonString(),
            TimeSpan.FromSeconds(60));
        Assert.True(status["state"]!.GetValue<string>() == "done", status.ToJsonString());
        return status;
    }

    // The slice's performance answer, month by month, without its name.
    private async Task<string> PerformanceAsync(string id, string slice)
    {
        var performance = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/slices/{slice}?{Years}&granularity=month"))!;
        performance.Remove("slice");
        foreach (var bucket in performance["series"]!.AsArray())
        {
            bucket!.AsObject().Remove("slice");
        }

        return performance.ToJsonString();
    }
}
