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
        var expected = await DemoAnswers.ReadAsync(fresh, whole);
        Assert.Contains($"{DemoAnswers.ProductionRecords}", expected[0], StringComparison.Ordinal);
        Assert.Equal(expected, await DemoAnswers.ReadAsync(fresh, demo));
    }

    private static Task<bool> WaitUntilCompleteAsync(WeatherScenario scenario, string modelId) =>
        Eventually.UntilAsync(
            () => scenario.IsCompleteAsync(modelId),
            complete => complete,
            _ => $"the demo was not complete {Deadline.TotalSeconds} s after the server started",
            Deadline);
}
