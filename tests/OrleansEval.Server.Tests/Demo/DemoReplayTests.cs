using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using OrleansEval.Server.Tests.Storage;
using OrleansEval.Testing;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Demo;

/// <summary>
/// The demo the server replays at start, on Azurite: a first start whose replay was cut off leaves the model half
/// filled; the next start, with <c>Demo:Replay</c> on, finishes it.
/// </summary>
[Collection(AzuriteTestGroup.Name)]
public sealed class DemoReplayTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    [Fact]
    public async Task Start_AfterAStartWhoseReplayWasCutOff_FinishesTheDemo()
    {
        var demo = NewModelId("demo");
        await using (var first = new ServerFactory(azurite.ConnectionString))
        {
            using var cutOff = first.CreateDefaultClient(new InterruptingHandler(3));
            await Assert.ThrowsAsync<HttpRequestException>(() => new WeatherScenario(cutOff, Scenario).ReplayUnlessCompleteAsync(demo));
            using var client = first.CreateClient();
            Assert.True(await new WeatherScenario(client, Scenario).HasBaselineAsync(demo));
        }

        await using var second = new ServerFactory(azurite.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Demo:Replay"] = "true",
            ["Demo:ModelId"] = demo,
            ["Demo:DataDirectory"] = Scenario,
            ["Grpc:Port"] = "0",
        });
        second.UseKestrel(0);
        second.StartServer();
        using var fresh = second.CreateClient();
        await WaitUntilCompleteAsync(new WeatherScenario(fresh, Scenario), demo);

        var whole = NewModelId("whole");
        Assert.True(await new WeatherScenario(fresh, Scenario).ReplayUnlessCompleteAsync(whole));
        var expected = await DemoAnswers.ReadAsync(fresh, whole, second.Logs);
        Assert.Contains($"{DemoAnswers.ProductionRecords}", expected[0], StringComparison.Ordinal);
        // The challenger in shadow over 2013, against a count made offline (numpy 1.24 over the scenario file and the
        // statsmodels 0.13.5 fit): 730 paired days, accuracy 0.7205 for the champion and 0.7356 for the challenger;
        // 40 days only the champion got right, 51 only the challenger.
        var compared = System.Text.Json.Nodes.JsonNode.Parse(expected[^1])!;
        Assert.Equal(730, compared["paired"]!.GetValue<int>());
        var overall = compared["slices"]![0]!;
        Assert.Equal(0.7205479452054795, overall["values"]!["v1@production"]!.GetValue<double>(), 1e-12);
        Assert.Equal(0.7356164383561644, overall["values"]!["v2@shadow"]!.GetValue<double>(), 1e-12);
        Assert.Equal([40, 51], overall["tests"]![0]!["discordant"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.Equal(expected, await DemoAnswers.ReadAsync(fresh, demo, second.Logs));
    }

    private static Task<bool> WaitUntilCompleteAsync(WeatherScenario scenario, string modelId) =>
        Eventually.UntilAsync(
            () => scenario.IsCompleteAsync(modelId),
            complete => complete,
            _ => $"the demo was not complete {Deadline.TotalSeconds} s after the server started",
            Deadline);
}
