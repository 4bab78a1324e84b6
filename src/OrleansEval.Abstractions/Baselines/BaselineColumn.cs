using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Baselines;

/// <summary>
/// One column of a frozen baseline: its bins (cut points or categories), the reference count in each bin, and for a
/// numeric column the reference quantile sketch and standard deviation.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.BaselineColumn")]
[Immutable]
public sealed record BaselineColumn
{
    /// <summary>Column name (a feature, or one of the prediction/actual columns).</summary>
    [Id(0)] public required string Column { get; init; }

    /// <summary>Column type.</summary>
    [Id(1)] public required FeatureType Type { get; init; }

    /// <summary>Numeric cut points, ascending; empty for a categorical column.</summary>
    [Id(2)] public ImmutableArray<double> CutPoints { get; init; } = [];

    /// <summary>Categories, in ordinal order; empty for a numeric column.</summary>
    [Id(3)] public ImmutableArray<string> Categories { get; init; } = [];

    /// <summary>Reference count per bin (cut points + 1 bins, or one per category).</summary>
    [Id(4)] public ImmutableArray<double> Counts { get; init; } = [];

    /// <summary>Number of reference records with a value.</summary>
    [Id(5)] public long Count { get; init; }

    /// <summary>Number of reference records without a value.</summary>
    [Id(6)] public long Missing { get; init; }

    /// <summary>Serialized reference quantile sketch of a numeric column.</summary>
    [Id(7)] public ImmutableArray<byte> Sketch { get; init; } = [];

    /// <summary>Reference population standard deviation of a numeric column.</summary>
    [Id(8)] public double StandardDeviation { get; init; }

    /// <summary>Reference mean of a numeric column.</summary>
    [Id(9)] public double Mean { get; init; }

    /// <summary>True when the reference counts came from an approximate sketch rather than every value.</summary>
    [Id(10)] public bool Approximate { get; init; }

    /// <summary>Smallest reference value of a numeric column.</summary>
    [Id(11)] public double Min { get; init; }

    /// <summary>Largest reference value of a numeric column.</summary>
    [Id(12)] public double Max { get; init; }
}
