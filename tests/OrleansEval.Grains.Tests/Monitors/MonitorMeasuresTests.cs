using OrleansEval.Drift;
using OrleansEval.Grains.Features;
using OrleansEval.Grains.Monitors;
using OrleansEval.Models;
using OrleansEval.Monitors;
using OrleansEval.Sketches.Drift;

namespace OrleansEval.Grains.Tests.Monitors;

/// <summary>Drift monitors take their measures, directions and bounds from the catalogue, not from a list of their own.</summary>
public sealed class MonitorMeasuresTests
{
    public static TheoryData<string> CataloguedMeasures => [.. DriftMeasureCatalogue.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(CataloguedMeasures))]
    public void IsKnown_ForEveryCataloguedMeasure_IsTrueForDriftMonitors(string measure)
    {
        Assert.True(MonitorMeasures.IsKnown(MonitorKind.Drift, measure));
        Assert.Contains(measure, MonitorMeasures.Known(MonitorKind.Drift).Split(", "));
    }

    [Theory]
    [MemberData(nameof(CataloguedMeasures))]
    public void HigherIsWorse_ForEveryCataloguedMeasure_FollowsItsDirection(string measure)
    {
        var descriptor = DriftMeasureCatalogue.Find(measure)!;

        Assert.Equal(descriptor.Direction == DriftDirection.HigherMeansDrift, MonitorMeasures.HigherIsWorse(MonitorKind.Drift, measure));
        Assert.Equal(descriptor.IsAtMostOne, MonitorMeasures.IsAtMostOne(measure));
    }

    [Theory]
    [InlineData("chiSquare", false)]
    [InlineData("ks", false)]
    [InlineData("psi", true)]
    [InlineData("wasserstein", true)]
    [InlineData("andersonDarling", false)]
    public void HigherIsWorse_ForPValuesAndDistances_KeepsTheAlertDirection(string measure, bool higherIsWorse)
    {
        Assert.Equal(higherIsWorse, MonitorMeasures.HigherIsWorse(MonitorKind.Drift, measure));
    }

    [Theory]
    [InlineData("andersonDarling", 0.25)]
    [InlineData("ks", 1)]
    [InlineData("jsDistance", 1)]
    [InlineData("psi", double.PositiveInfinity)]
    public void ThresholdCeiling_IsTheLargestThresholdTheMeasureCanBeCompared(string measure, double ceiling)
    {
        Assert.Equal(ceiling, MonitorMeasures.ThresholdCeiling(measure));
    }

    [Fact]
    public void IsKnown_ForAnUncataloguedName_IsFalse()
    {
        Assert.False(MonitorMeasures.IsKnown(MonitorKind.Drift, "energy"));
        Assert.False(MonitorMeasures.IsKnown(MonitorKind.Drift, "missingRate"));
    }

    [Theory]
    [MemberData(nameof(CataloguedMeasures))]
    public void Read_ForEveryCataloguedMeasure_IsTheAnswersDecisionScore(string measure)
    {
        var measures = ColumnDriftCalculator.UndefinedMeasures(FeatureType.Numeric)
            .Select((m, i) => m with { Score = i + 0.5 })
            .ToArray();
        var column = new ColumnDrift { Name = "load", Type = FeatureType.Numeric, Measure = "psi", Measures = [.. measures] };

        Assert.Equal(measures.Single(m => m.Name == measure).Score, MonitorMeasures.Read(column, measure));
    }
}
