using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Drift;

/// <summary>
/// Every drift measure of one column in a window against a baseline, the bins, and the decision. A measure that is
/// undefined for the data (an empty window, a single bin) is null.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ColumnDrift")]
[Immutable]
public sealed record ColumnDrift
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required FeatureType Type { get; init; }
    [Id(2)] public long Count { get; init; }
    [Id(3)] public long Missing { get; init; }
    [Id(4)] public double? Psi { get; init; }
    [Id(5)] public double? KlDivergence { get; init; }
    [Id(6)] public double? JsDistance { get; init; }
    [Id(7)] public double? JsDivergence { get; init; }
    [Id(8)] public double? Hellinger { get; init; }
    [Id(9)] public double? LInfinity { get; init; }
    [Id(10)] public double? TotalVariation { get; init; }
    [Id(11)] public ChiSquareValue? ChiSquare { get; init; }
    [Id(12)] public KsValue? Ks { get; init; }
    [Id(13)] public double? Wasserstein { get; init; }
    [Id(14)] public double? WassersteinNormed { get; init; }
    [Id(15)] public ImmutableArray<DriftBin> Bins { get; init; } = [];
    [Id(16)] public bool Drifted { get; init; }
    [Id(17)] public required string Measure { get; init; }
    [Id(18)] public double Threshold { get; init; }
    [Id(19)] public bool Approximate { get; init; }

    /// <summary>Mean of the current values of a numeric column.</summary>
    [Id(20)] public double? Mean { get; init; }

    /// <summary>Why the measures are absent, when they are (for example, no current values in the window).</summary>
    [Id(21)] public string? Note { get; init; }

    /// <summary>Records rejected in the window because this column's value had the wrong type or was not finite.</summary>
    [Id(22)] public long TypeErrors { get; init; }

    /// <summary>Share of the window's records without a value: missing / (count + missing + type errors).</summary>
    [Id(23)] public double? MissingRate { get; init; }

    /// <summary>Share of the window's records rejected for this column: type errors / (count + missing + type errors).</summary>
    [Id(24)] public double? TypeErrorRate { get; init; }

    /// <summary>Numeric: share of the window's values below the baseline's minimum or above its maximum.</summary>
    [Id(25)] public double? OutOfRangeRate { get; init; }

    /// <summary>Categorical: share of the window's values in categories the baseline never saw.</summary>
    [Id(26)] public double? UnseenCategoryRate { get; init; }

    /// <summary>
    /// The window the column was answered for: the asked one, widened to whole days where it cuts a day whose buckets
    /// were rolled up. Null for a column that was not asked (not in the baseline).
    /// </summary>
    [Id(27)] public TimeWindow? Window { get; init; }
}
