using OrleansEval.Baselines;
using OrleansEval.Grains.FailureModes;
using OrleansEval.Grains.RootCause;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.Tests.FailureModes;

/// <summary>
/// Three failures with a known cause, generated here, through the root-cause engine and the failure-mode rules: each is
/// classified as its cause, with the planted feature first.
/// </summary>
public sealed class FailureModeScenarioTests
{
    private const int BaselineRows = 8_000;
    private const int CurrentRows = 4_000;

    [Fact]
    public async Task PureCovariateShift_OfX1TowardsItsUncertainMiddle_IsCovariateShiftLedByX1()
    {
        // P(y | x) is unchanged; 70 % of the window's x1 now lies in [0.4, 0.6), where the model is right 55 % of the time.
        var current = SyntheticRows.Draw(2, CurrentRows, random => random.NextDouble() < 0.7 ? 0.4 + (0.2 * random.NextDouble()) : random.NextDouble());

        var report = await ClassifiedAsync(current);

        var mode = report.FailureMode!;
        Assert.Equal(FailureModeKinds.CovariateShift, mode.Kind);
        Assert.Equal("x1", report.Features[0].Name);
        Assert.Equal("x1", mode.Evidence[0].Feature);
        Assert.True(mode.Evidence[0].Share > 0.8, $"x1 explains {mode.Evidence[0].Share} of the change");
        Assert.True(report.Features[0].Drift!.Drifted);
    }

    [Fact]
    public async Task PureConceptShift_OfLabelsFlippedWhereX2IsHigh_IsConceptShiftLedByX2()
    {
        // P(x) is unchanged; the labels of the 40 % of rows with x2 ≥ 0.6 are flipped, so the model is right 25 % of the time there.
        var current = SyntheticRows.Draw(3, CurrentRows, SyntheticRows.Uniform, flipFromX2: 0.6);

        var report = await ClassifiedAsync(current);

        var mode = report.FailureMode!;
        Assert.Equal(FailureModeKinds.ConceptShift, mode.Kind);
        Assert.Equal("x2", mode.Evidence[0].Feature);
        Assert.True(mode.Confidence > 0.8, $"confidence {mode.Confidence}");
        Assert.All(report.Features, feature => Assert.False(feature.Drift!.Drifted, feature.Name));
        Assert.False(report.Actual?.Drift?.Drifted ?? false);
    }

    [Fact]
    public async Task DataQualityBreak_OfX3FortyPercentMissing_IsDataQualityLedByX3()
    {
        // Where x3 is missing the model falls back to predicting 1, right half of the time.
        var current = SyntheticRows.Draw(4, CurrentRows, SyntheticRows.Uniform, missingX3: 0.4);

        var report = await ClassifiedAsync(current);

        var mode = report.FailureMode!;
        Assert.Equal(FailureModeKinds.DataQuality, mode.Kind);
        var first = mode.Evidence[0];
        Assert.Equal("x3", first.Feature);
        Assert.Equal("missingRateRise", first.Measure);
        Assert.InRange(first.Value!.Value, 0.37, 0.43);
        Assert.DoesNotContain(mode.Evidence, e => e.Feature is "x1" or "x2");
    }

    [Fact]
    public async Task NoChange_OfAnotherDrawOfTheBaselinesLaw_IsNone()
    {
        var current = SyntheticRows.Draw(5, CurrentRows, SyntheticRows.Uniform);

        var report = await ClassifiedAsync(current);

        Assert.Equal(FailureModeKinds.None, report.FailureMode!.Kind);
    }

    private static async Task<RootCauseReport> ClassifiedAsync(IEnumerable<WorstSlices.TestRow> current)
    {
        var model = SyntheticRows.Model;
        var baseline = SyntheticRows.Draw(1, BaselineRows, SyntheticRows.Uniform);
        var query = new RootCauseQuery { From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero) };
        var report = await RootCauseEngine.RunAsync(
            model,
            Frozen(("x1", SyntheticRows.Quintiles), ("x2", SyntheticRows.Quintiles), ("x3", SyntheticRows.Quintiles), (ColumnNames.PredictionScore, SyntheticRows.Quintiles)),
            query,
            RootCauseMetrics.Accuracy,
            SyntheticRows.Stream(model, baseline),
            SyntheticRows.Stream(model, current),
            CancellationToken.None);
        return RootCauseFailureModes.Classify(report, new FailureModeOptions());
    }

    /// <summary>A baseline frozen with these cut points per numeric column.</summary>
    internal static Baseline Frozen(params (string Column, double[] CutPoints)[] columns) => new()
    {
        Name = "training",
        Revision = 1,
        Spec = new BaselineSpec { Version = "v1", Environment = "training" },
        FrozenAt = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero),
        RecordCount = 0,
        Columns = [.. columns.Select(column => new BaselineColumn { Column = column.Column, Type = FeatureType.Numeric, CutPoints = [.. column.CutPoints] })],
    };
}
