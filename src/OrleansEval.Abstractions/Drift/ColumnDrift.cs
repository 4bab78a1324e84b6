using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Drift;

/// <summary>
/// Every drift measure of one column in a window against a baseline, the bins, and the decision. A measure that is
/// undefined for the data (an empty window, a single bin) has a null score.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ColumnDrift")]
[Immutable]
public sealed record ColumnDrift
{
    /// <summary>The column's name (a feature, or a prediction or actual part such as <c>prediction.score</c>).</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Whether the column is numeric or categorical.</summary>
    [Id(1)] public required FeatureType Type { get; init; }

    /// <summary>Values of the column in the window.</summary>
    [Id(2)] public long Count { get; init; }

    /// <summary>Records of the window without a value for the column.</summary>
    [Id(3)] public long Missing { get; init; }

    /// <summary>The bins with their baseline and current proportions and counts.</summary>
    [Id(15)] public ImmutableArray<DriftBin> Bins { get; init; } = [];

    /// <summary>True when the deciding measure crosses its threshold.</summary>
    [Id(16)] public bool Drifted { get; init; }

    /// <summary>The API name of the measure that decides <see cref="Drifted"/>.</summary>
    [Id(17)] public required string Measure { get; init; }

    /// <summary>The threshold the deciding measure is compared with.</summary>
    [Id(18)] public double Threshold { get; init; }

    /// <summary>True when either side came from a compacted sketch rather than every value.</summary>
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

    /// <summary>
    /// Every drift measure that applies to the column's type, in the order the API writes them; an undefined measure is
    /// present with a null score.
    /// </summary>
    [Id(28)] public ImmutableArray<MeasureValue> Measures { get; init; } = [];

    /// <summary>The measure named <paramref name="measure"/>, or null when the answer has no such measure.</summary>
    public MeasureValue? Find(string measure) =>
        Measures.FirstOrDefault(m => string.Equals(m.Name, measure, StringComparison.Ordinal));

    /// <summary>The decision score of the measure named <paramref name="measure"/> (a test's p-value), or null when undefined or absent.</summary>
    public double? Score(string measure) => Find(measure)?.Score;
}
