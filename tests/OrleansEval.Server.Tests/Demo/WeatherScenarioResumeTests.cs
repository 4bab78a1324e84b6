using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Demo;

/// <summary>A demo replay cut off anywhere is finished by the next one, and the model then answers as one uninterrupted replay leaves it.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class WeatherScenarioResumeTests(ServerFixture server)
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    /// <summary>2 training batches, the baseline, 5 production batches, the completion mark.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task ReplayUnlessComplete_AfterAReplayCutOffAtBatchN_AnswersAsOneUninterruptedReplay(int batches)
    {
        var whole = NewModelId("whole");
        var resumed = NewModelId("resumed");
        Assert.True(await new WeatherScenario(server.Client, Scenario).ReplayUnlessCompleteAsync(whole));
        var interrupting = new InterruptingHandler(batches);
        using (var cutOff = server.Factory.CreateDefaultClient(interrupting))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => new WeatherScenario(cutOff, Scenario).ReplayUnlessCompleteAsync(resumed));
        }

        var scenario = new WeatherScenario(server.Client, Scenario);
        Assert.True(interrupting.Interrupted);
        Assert.False(await scenario.IsCompleteAsync(resumed));
        Assert.True(await scenario.ReplayUnlessCompleteAsync(resumed));

        var expected = await DemoAnswers.ReadAsync(server.Client, whole, server.Factory.Logs);
        var actual = await DemoAnswers.ReadAsync(server.Client, resumed, server.Factory.Logs);
        Assert.Contains($"{DemoAnswers.TrainingRecords}", expected[0], StringComparison.Ordinal);
        Assert.Contains($"{DemoAnswers.ProductionRecords}", expected[0], StringComparison.Ordinal);
        Assert.Contains("\"psi\":", expected[1], StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task ReplayUnlessComplete_WhenTheMarkIsThere_SendsNothing()
    {
        var id = NewModelId("complete");
        var scenario = new WeatherScenario(server.Client, Scenario);
        Assert.True(await scenario.ReplayUnlessCompleteAsync(id));
        var before = await DemoAnswers.ReadAsync(server.Client, id, server.Factory.Logs);
        var interrupting = new InterruptingHandler(1);
        using var watched = server.Factory.CreateDefaultClient(interrupting);

        Assert.False(await new WeatherScenario(watched, Scenario).ReplayUnlessCompleteAsync(id));

        Assert.False(interrupting.Interrupted);
        Assert.Equal(before, await DemoAnswers.ReadAsync(server.Client, id, server.Factory.Logs));
    }
}
