using OrleansEval.Grains.FailureModes;
using OrleansEval.Grains.Recommendations;
using OrleansEval.Grains.RootCause;
using OrleansEval.Grains.Tests.FailureModes;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.Tests.Recommendations;

/// <summary>The brief's young users through the root-cause engine, the failure-mode rules and the recommendation rules.</summary>
public sealed class YoungUsersTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CutPoints_OfTheBaselinesAges_Put18And25AsEdges()
    {
        var cuts = YoungUsers.CutPoints();

        Assert.Equal(18, cuts[0]);
        Assert.Equal(25, cuts[1]);
    }

    [Fact]
    public async Task RootCause_OfYoungUsers_RanksAgeFirst_AndRecommendsAddingTheYoungBinWithItsCountAndLink()
    {
        var report = await RootCauseAsync();

        Assert.Equal("age", report.Features[0].Name);
        Assert.Equal(FailureModeKinds.CovariateShift, report.FailureMode!.Kind);
        Assert.Equal("age", report.FailureMode.Evidence[0].Feature);

        var query = new RecommendationQuery { From = From, To = To };
        var decision = RetrainDecision.Of(report, new FailureModeOptions());
        var (additions, gaps) = TrainingAdditions.Of("young", query, report, new FailureModeOptions());

        Assert.True(decision.Retrain, decision.Reason);
        Assert.Equal("age", decision.DriftFeature);
        Assert.Empty(gaps);
        var young = additions[0];
        Assert.Equal("age in [18, 25)", young.Condition);
        Assert.Equal(1_200, young.Labelled);
        Assert.Equal(0.4, young.CurrentShare, 12);
        Assert.Equal(0.05, young.BaselineShare, 12);
        Assert.Equal("/v1/models/young/examples?where=age%20in%20%5B18%2C%2025%29&from=2026-03-01T00%3A00%3A00Z&to=2026-04-01T00%3A00%3A00Z", young.Examples);
        Assert.DoesNotContain(additions, a => a.Feature == "age" && a.Condition != young.Condition);
    }

    private static async Task<RootCauseReport> RootCauseAsync()
    {
        var model = YoungUsers.Model;
        var report = await RootCauseEngine.RunAsync(
            model,
            FailureModeScenarioTests.Frozen(("age", YoungUsers.CutPoints())),
            new RootCauseQuery { From = From, To = To },
            RootCauseMetrics.Accuracy,
            SyntheticRows.Stream(model, YoungUsers.Baseline()),
            SyntheticRows.Stream(model, YoungUsers.Current()),
            CancellationToken.None);
        return RootCauseFailureModes.Classify(report, new FailureModeOptions());
    }
}
