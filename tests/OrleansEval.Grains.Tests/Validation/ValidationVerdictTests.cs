using OrleansEval.Compare;
using OrleansEval.Grains.Validation;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Tests.Validation;

public sealed class ValidationVerdictTests
{
    private static readonly ValidationOptions Defaults = new();

    [Fact]
    public void Changed_ForALossWhereLowerIsBetter_CallsARiseWorse_AndLeavesOutSmallAndInsignificantSlices()
    {
        var report = Report(ComparisonMetrics.ErrorRate, ("all", 1_000, 0.02, 0.001), ("region = r3", 200, -0.05, 0.01), ("region = r4", 50, 0.3, 0.0001), ("region = r1", 200, 0.2, 0.2));

        var changed = ValidationVerdict.Changed(report, Defaults);

        Assert.Equal([("all", "worse"), ("region = r3", "better")], changed.Select(c => (c.Slice, c.Direction)));
    }

    [Fact]
    public void Rules_WorseOverallAndOnASlice_FailBothNamingTheSlice_UnlessTurnedOff()
    {
        var report = Report(ComparisonMetrics.Accuracy, ("all", 1_000, -0.02, 0.001), ("region = r3", 200, -0.1, 0.01));
        var changed = ValidationVerdict.Changed(report, Defaults);

        var rules = ValidationVerdict.Rules(report, changed, [], Defaults);
        var off = ValidationVerdict.Rules(report, changed, [], new ValidationOptions { FailWhenWorseOverall = false, FailWhenWorseOnSlice = false });

        Assert.Equal([false, true, true, false], rules.Select(r => r.Failed));
        Assert.Contains("region = r3", rules.Single(r => r.Name == "worseOnSlice").Finding, StringComparison.Ordinal);
        Assert.Equal(ValidationVerdict.Fail, ValidationVerdict.Of(rules));
        Assert.Equal(ValidationVerdict.Pass, ValidationVerdict.Of(off));
        Assert.Equal("off", off.Single(r => r.Name == "worseOnSlice").Setting);
    }

    [Fact]
    public void Rules_MoreDriftedFeaturesThanTheSetting_FailTheDriftRule_AndNoPairedRowsFailsThePairedRule()
    {
        var report = Report(ComparisonMetrics.Accuracy, ("all", 1_000, 0.0, 1.0));
        var empty = report with { Paired = 0, Slices = [], Reason = "nothing paired" };

        var one = ValidationVerdict.Rules(report, [], ["x"], Defaults);
        var allowed = ValidationVerdict.Rules(report, [], ["x"], new ValidationOptions { MaxDriftedFeatures = 1 });
        var unpaired = ValidationVerdict.Rules(empty, [], [], Defaults);

        Assert.True(one.Single(r => r.Name == "driftedFeatures").Failed);
        Assert.False(allowed.Single(r => r.Name == "driftedFeatures").Failed);
        Assert.Equal("nothing paired", unpaired.Single(r => r.Name == "pairedRows").Finding);
        Assert.Equal(ValidationVerdict.Fail, ValidationVerdict.Of(unpaired));
    }

    [Fact]
    public void NewSlices_NameOnlyTheCandidatesCategoriesTheReferenceNeverHad_OfAtLeastMinSize()
    {
        var tally = new NewSliceTally();
        tally.Add(Block("region", "r1", "r1", "r2"), candidate: false);
        tally.Add(Block("region", "r1", "r9", "r9", "r8", null), candidate: true);

        var slices = tally.NewSlices(minSize: 2);

        Assert.Equal([("region = r9", 2L)], slices.Select(s => (s.Slice, s.Rows)));
    }

    private static ComparisonReport Report(string metric, params (string Slice, long Rows, double Delta, double QValue)[] slices) =>
        new(
            DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddDays(1),
            metric,
            ["v1@validation", "v2@validation"],
            1_000,
            [0, 0],
            100,
            [.. slices.Select(s => new ComparedSlice(s.Slice, s.Rows, [0.5, 0.5 + s.Delta], [new CandidateTest("v2@validation", s.Delta, "mcnemar", 1, s.QValue, s.QValue, 0, 0)], null, s.Slice == "all" ? "all" : "elementary"))],
            null,
            null,
            Sampled: false);

    private static RowBlock Block(string column, params string?[] values) => new()
    {
        Series = new SeriesId("v1", "validation"),
        PredictionIds = [.. values.Select((_, i) => $"p{i}")],
        Timestamps = [.. values.Select(_ => DateTimeOffset.UnixEpoch)],
        Revisions = [.. values.Select(_ => 0L)],
        Features = [new RowColumn(column, [], [.. values])],
        Tags = [],
        PredictedLabels = [.. values.Select(_ => (string?)null)],
        Scores = [.. values.Select(_ => double.NaN)],
        PredictedValues = [.. values.Select(_ => double.NaN)],
        ActualLabels = [.. values.Select(_ => (string?)null)],
        ActualValues = [.. values.Select(_ => double.NaN)],
    };
}
