using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.RootCause;

/// <summary>
/// One feature's part in a metric's change, over the bins of the drift answer: the sums of its bins' mix, within and
/// driftImpact, the drift of its distribution, and the data-quality rates of both sides.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.FeatureContribution")]
[Immutable]
public sealed record FeatureContribution
{
    /// <summary>The feature's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Numeric or categorical.</summary>
    [Id(1)] public required FeatureType Type { get; init; }

    /// <summary>The drift of the feature's distribution over all rows of both sides, on these bins.</summary>
    [Id(2)] public DriftSummary? Drift { get; init; }

    /// <summary>Σ mix over the bins; null when either side has no labelled row.</summary>
    [Id(3)] public double? Mix { get; init; }

    /// <summary>Σ within over the bins; null when either side has no labelled row.</summary>
    [Id(4)] public double? Within { get; init; }

    /// <summary>Σ driftImpact over the bins; null when the baseline has no labelled row.</summary>
    [Id(5)] public double? DriftImpact { get; init; }

    /// <summary>The bins, largest |mix + within| first (largest |driftImpact| first when there is no mix).</summary>
    [Id(6)] public required ImmutableArray<BinContribution> Bins { get; init; }

    /// <summary>Share of the baseline's rows without a value.</summary>
    [Id(7)] public double? BaselineMissingRate { get; init; }

    /// <summary>Share of the window's rows without a value.</summary>
    [Id(8)] public double? CurrentMissingRate { get; init; }

    /// <summary>Numeric: share of the window's values below the baseline's smallest or above its largest value.</summary>
    [Id(9)] public double? OutOfRangeRate { get; init; }

    /// <summary>Categorical: share of the window's values in categories no baseline row has.</summary>
    [Id(10)] public double? UnseenCategoryRate { get; init; }
}
