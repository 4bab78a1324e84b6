using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Sketches.Tests.FailureModes;

public sealed class FailureModeClassifierTests
{
    private static readonly MetricSide Baseline = new(0.70, 20_000);
    private static readonly MetricSide Dropped = new(0.60, 3_000);

    [Fact]
    public void Classify_WhenOneFeaturesMixExplainsMostOfTheDrop_IsCovariateShiftWithThatFeatureFirst()
    {
        var facts = Facts(
            Feature("origin", mix: -0.07, within: -0.03, drifted: true),
            Feature("hour", mix: 0.001, within: -0.101),
            Feature("month", mix: -0.01, within: -0.09));

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.CovariateShift, mode.Kind);
        Assert.Equal(0.7, mode.Confidence, 9);
        Assert.Equal(["origin", "month"], mode.Evidence.Select(e => e.Feature));
        Assert.Equal(0.7, mode.Evidence[0].Share!.Value, 9);
        Assert.Contains("origin", mode.Explanation, StringComparison.Ordinal);
        Assert.Equal("twoProportionZ", mode.Test);
        Assert.True(mode.PValue < 1e-6);
    }

    [Fact]
    public void Classify_WhenTheChangeIsInsideBinsAndNothingDrifted_IsConceptShift()
    {
        var facts = Facts(Feature("origin", mix: -0.004, within: -0.096), Feature("hour", mix: 0.002, within: -0.102));

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.ConceptShift, mode.Kind);
        Assert.Equal(0.96, mode.Confidence, 9);
        Assert.Equal("hour", mode.Evidence[0].Feature);
        Assert.Contains("no feature drifted", mode.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_OfAChangeInsideBins_RanksFirstTheFeatureWhoseBinsLocaliseIt()
    {
        var facts = Facts(
            Feature("hour", mix: 0.002, within: -0.102) with { WithinSpread = 0.01 },
            Feature("region", mix: -0.001, within: -0.099) with { WithinSpread = 0.25 },
            Feature("origin", mix: -0.004, within: -0.096) with { WithinSpread = 0.02 });

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.ConceptShift, mode.Kind);
        Assert.Equal(["region", "origin", "hour"], mode.Evidence.Select(e => e.Feature));
    }

    [Fact]
    public void Classify_WhenTheActualDriftedWithStableInputs_IsLabelShift()
    {
        var facts = Facts(Feature("origin", mix: -0.004, within: -0.096)) with { ActualDrifted = true };

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.LabelShift, mode.Kind);
        Assert.Equal(0.96, mode.Confidence, 9);
    }

    [Fact]
    public void Classify_WhenTheActualDriftedButAFeatureToo_IsNotLabelShift()
    {
        var facts = Facts(Feature("origin", mix: -0.004, within: -0.096, drifted: true)) with { ActualDrifted = true };

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.ConceptShift, mode.Kind);
        Assert.Equal(0.96 * 0.5, mode.Confidence, 9);
    }

    [Fact]
    public void Classify_WhenAFeatureIsFortyPercentMissing_IsDataQualityWithThatFeatureFirst()
    {
        var broken = Feature("age", mix: 0, within: -0.1) with { MissingRate = 0.4, BaselineMissingRate = 0.01 };
        var slightlyWorse = Feature("income", mix: -0.06, within: -0.04, drifted: true) with { MissingRate = 0.13 };
        var facts = Facts(slightlyWorse, broken, Feature("hour", mix: 0, within: -0.1) with { OutOfRangeRate = 0.02 });

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.DataQuality, mode.Kind);
        Assert.Equal(["age", "income"], mode.Evidence.Select(e => e.Feature));
        Assert.Equal(0.39, mode.Evidence[0].Rate!.Value, 9);
        Assert.Equal("missingRateRise", mode.Evidence[0].RateName);
        Assert.Equal(1, mode.Confidence);
    }

    [Fact]
    public void Classify_WhenAnUnseenCategoryRateJumped_NamesThatRate()
    {
        var facts = Facts(Feature("origin", mix: -0.01, within: -0.09) with { UnseenCategoryRate = 0.15 });

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.DataQuality, mode.Kind);
        Assert.Equal("unseenCategoryRate", mode.Evidence[0].RateName);
        Assert.Equal(0.75, mode.Confidence, 9);
    }

    [Fact]
    public void Classify_WhenTheDropIsNotSignificant_IsNoneEvenWithABrokenFeature()
    {
        var facts = Facts(Feature("age", mix: -0.01, within: 0) with { MissingRate = 0.4 }) with { Current = new MetricSide(0.69, 100) };

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.None, mode.Kind);
        Assert.Empty(mode.Evidence);
        Assert.True(mode.PValue > 0.05);
        Assert.Equal((mode.PValue!.Value - 0.05) / 0.95, mode.Confidence, 12);
    }

    [Fact]
    public void Classify_OfAMeanWithVariances_UsesWelchAndCallsASmallNoisyChangeNone()
    {
        var facts = Facts(Feature("age", mix: -0.3, within: 0, drifted: true)) with
        {
            Metric = "mae",
            IsProportion = false,
            Baseline = new MetricSide(2.0, 500, Variance: 4.0),
            Current = new MetricSide(2.1, 200, Variance: 4.0),
        };

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.None, mode.Kind);
        Assert.Equal("welchT", mode.Test);
    }

    [Fact]
    public void Classify_OfAMeanWithoutVariances_ClassifiesWithoutATest()
    {
        var facts = Facts(Feature("age", mix: 0.3, within: 0.1, drifted: true)) with
        {
            Metric = "mae",
            IsProportion = false,
            Baseline = new MetricSide(2.0, 500),
            Current = new MetricSide(2.4, 200),
        };

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions());

        Assert.Equal(FailureModeKind.CovariateShift, mode.Kind);
        Assert.Null(mode.Test);
        Assert.Null(mode.PValue);
    }

    [Fact]
    public void Classify_WithAHigherCovariateShare_CallsTheSameChangeAMixedConceptShift()
    {
        var facts = Facts(Feature("origin", mix: -0.07, within: -0.03, drifted: true));

        var mode = FailureModeClassifier.Classify(facts, new FailureModeOptions { CovariateShare = 0.8 });

        Assert.Equal(FailureModeKind.ConceptShift, mode.Kind);
        Assert.Equal(0.3 * 0.5, mode.Confidence, 9);
        Assert.Contains("1 feature(s) drifted", mode.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OfOutOfRangeSettings_NamesEachSetting()
    {
        var failures = new FailureModeOptions { SignificanceLevel = 0, CovariateShare = 1.5, EvidenceFeatures = 0 }.Validate();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("SignificanceLevel", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CovariateShare", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("EvidenceFeatures", StringComparison.Ordinal));
        Assert.Empty(new FailureModeOptions().Validate());
    }

    private static FailureModeFacts Facts(params FeatureFacts[] features) =>
        new("accuracy", IsProportion: true, Baseline, Dropped, features, ActualDrifted: false);

    private static FeatureFacts Feature(string name, double mix, double within, bool drifted = false) =>
        new() { Name = name, Mix = mix, Within = within, Drifted = drifted, DriftMeasure = "psi", DriftValue = drifted ? 0.3 : 0.01 };
}
