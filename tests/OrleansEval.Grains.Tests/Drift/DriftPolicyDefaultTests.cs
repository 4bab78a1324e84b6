using OrleansEval.Drift;
using OrleansEval.Models;
using OrleansEval.Grains.Features;
using OrleansEval.Sketches.Drift;

namespace OrleansEval.Grains.Tests.Drift;

/// <summary>The wire contract's default policy and the answer's measure list agree with the measure catalogue.</summary>
public sealed class DriftPolicyDefaultTests
{
    [Fact]
    public void Default_NamesTheCataloguesDefaultMeasuresAndThresholds()
    {
        var numeric = DriftMeasureCatalogue.DefaultFor(DriftFeatureKind.Numeric);
        var categorical = DriftMeasureCatalogue.DefaultFor(DriftFeatureKind.Categorical);

        Assert.Equal(
            new DriftPolicy(numeric.Name, numeric.DefaultThreshold, categorical.Name, categorical.DefaultThreshold),
            DriftPolicy.Default);
    }

    [Theory]
    [InlineData(FeatureType.Numeric, DriftFeatureKind.Numeric)]
    [InlineData(FeatureType.Categorical, DriftFeatureKind.Categorical)]
    public void UndefinedMeasures_ListTheCataloguedMeasuresOfTheType_WithoutScores(FeatureType type, DriftFeatureKind kind)
    {
        var measures = ColumnDriftCalculator.UndefinedMeasures(type);

        Assert.Equal(DriftMeasureCatalogue.For(kind).Select(m => m.Name), measures.Select(m => m.Name));
        Assert.All(measures, m => Assert.Null(m.Score));
    }
}
