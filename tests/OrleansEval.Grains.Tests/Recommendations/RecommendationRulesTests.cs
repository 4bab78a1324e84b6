using OrleansEval.Grains.FailureModes;
using OrleansEval.Grains.Recommendations;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.Tests.Recommendations;

public sealed class RecommendationRulesTests
{
    private static readonly RecommendationQuery Query = new() { Version = "v2", Environment = "production", From = ConstructedReports.From, To = ConstructedReports.To };

    [Fact]
    public void Additions_OfYoungUsers_NameTheYoungBinWithItsCountAndExamplesLink()
    {
        var (additions, gaps) = TrainingAdditions.Of("credit", Query, ConstructedReports.YoungUsers(), new FailureModeOptions());

        Assert.Empty(gaps);
        var young = Assert.Single(additions);
        Assert.Equal("age in [18, 25)", young.Condition);
        Assert.Equal(1_200, young.Labelled);
        Assert.Equal(0.40, young.CurrentShare);
        Assert.Equal(0.05, young.BaselineShare);
        Assert.Equal(0.6, young.Metric);
        Assert.Equal(
            "/v1/models/credit/examples?where=age%20in%20%5B18%2C%2025%29&version=v2&environment=production&from=2026-03-01T00%3A00%3A00Z&to=2026-04-01T00%3A00%3A00Z",
            young.Examples);
    }

    [Fact]
    public void Additions_WithAStricterRatioOrMoreRows_LeaveTheBinOut()
    {
        var report = ConstructedReports.YoungUsers();

        Assert.Empty(TrainingAdditions.Of("credit", Query, report, new FailureModeOptions { UnderRepresentedRatio = 9 }).Additions);
        Assert.Empty(TrainingAdditions.Of("credit", Query, report, new FailureModeOptions { MinLabelledRows = 1_201 }).Additions);
    }

    [Fact]
    public void Additions_OfAnUnseenCategoryThatDoesWorse_NameItWithAZeroBaselineShare()
    {
        var report = ConstructedReports.YoungUsers();
        var origin = report.Features[1];
        var unseen = ConstructedReports.Category("LAS", baselineShare: 0, currentShare: 0.1, labelled: 300, baselineMetric: 0.8, currentMetric: 0.5)
            with { BaselineShare = null, BaselineMetric = null };
        report = report with { Features = [report.Features[0], origin with { Bins = [.. origin.Bins, unseen] }] };

        var additions = TrainingAdditions.Of("credit", Query, report, new FailureModeOptions()).Additions;

        var las = Assert.Single(additions, a => a.Feature == "origin");
        Assert.Equal("origin = LAS", las.Condition);
        Assert.Equal(0, las.BaselineShare);
        Assert.Null(las.BaselineMetric);
    }

    [Fact]
    public void Additions_WithoutLabelledRows_SayWhy()
    {
        var report = ConstructedReports.YoungUsers() with { Current = new RootCauseCurrent { Labelled = 0, Rows = 3_000 }, Change = null };

        var (additions, gaps) = TrainingAdditions.Of("credit", Query, report, new FailureModeOptions());

        Assert.Empty(additions);
        Assert.Equal("additions", Assert.Single(gaps).Part);
    }

    [Fact]
    public void Retrain_WhenTheDropIsSignificantAndAgesDriftExplainsPart_IsAdvised()
    {
        var decision = RetrainDecision.Of(ConstructedReports.YoungUsers(), new FailureModeOptions());

        Assert.True(decision.Retrain, decision.Reason);
        Assert.Equal("realised", decision.Basis);
        Assert.Equal("twoProportionZ", decision.Test);
        Assert.True(decision.PValue < 1e-6);
        Assert.Equal("age", decision.DriftFeature);
        Assert.Equal(0.0735 / 0.12, decision.DriftShare!.Value, 12);
    }

    [Fact]
    public void Retrain_WhenNoFeaturesDriftExplainsEnough_IsNotAdvised()
    {
        var decision = RetrainDecision.Of(ConstructedReports.YoungUsers(), new FailureModeOptions { DriftExplainsShare = 0.9 });

        Assert.False(decision.Retrain);
        Assert.Contains("no feature's drift", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Retrain_WhenAccuracyRose_IsNotAdvised()
    {
        var report = ConstructedReports.YoungUsers() with { Current = new RootCauseCurrent { Value = 0.92, Labelled = 3_000, Rows = 3_000 }, Change = 0.12 };

        var decision = RetrainDecision.Of(report, new FailureModeOptions());

        Assert.False(decision.Retrain);
        Assert.Contains("not significantly worse", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Retrain_WithoutLabelsButAnEstimateBelowTheBaseline_JudgesTheEstimateByDriftImpact()
    {
        var report = ConstructedReports.YoungUsers() with
        {
            Current = new RootCauseCurrent { Labelled = 0, Rows = 3_000, Estimated = 0.72 },
            Change = null,
        };

        var decision = RetrainDecision.Of(report, new FailureModeOptions());

        Assert.True(decision.Retrain, decision.Reason);
        Assert.Equal("estimated", decision.Basis);
        Assert.Equal(0.0735 / 0.08, decision.DriftShare!.Value, 12);
    }

    [Fact]
    public void Retrain_WithNeitherLabelsNorAnEstimate_SaysItCannotJudge()
    {
        var report = ConstructedReports.YoungUsers() with { Current = new RootCauseCurrent { Labelled = 0, Rows = 3_000 }, Change = null };

        var decision = RetrainDecision.Of(report, new FailureModeOptions());

        Assert.False(decision.Retrain);
        Assert.Null(decision.Basis);
        Assert.Contains("can be compared", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FailureMode_OfYoungUsers_IsCovariateShiftLedByAge_WithThePValueAsEvidence()
    {
        var report = RootCauseFailureModes.Classify(ConstructedReports.YoungUsers(), new FailureModeOptions());

        var mode = report.FailureMode!;
        Assert.Equal(FailureModeKinds.CovariateShift, mode.Kind);
        Assert.Equal("age", mode.Evidence[0].Feature);
        Assert.Equal(0.0735 / 0.12, mode.Confidence, 12);
        Assert.Contains(mode.Evidence, e => e.Measure == "pValue" && e.Value < 1e-6);
    }

    [Fact]
    public void FailureMode_WithoutAChange_IsLeftOut()
    {
        var report = ConstructedReports.YoungUsers() with { Current = new RootCauseCurrent { Labelled = 0, Rows = 3_000 }, Change = null };

        Assert.Null(RootCauseFailureModes.Classify(report, new FailureModeOptions()).FailureMode);
    }
}
