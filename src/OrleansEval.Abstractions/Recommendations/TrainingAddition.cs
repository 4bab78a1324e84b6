namespace OrleansEval.Recommendations;

/// <summary>
/// A bin to add to the training set: under-represented in the baseline against production, and worse than the window's
/// metric there; with both shares, the metric, the labelled rows available and the link that downloads them.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.TrainingAddition")]
[Immutable]
public sealed record TrainingAddition
{
    /// <summary>The feature the bin belongs to.</summary>
    [Id(0)] public required string Feature { get; init; }

    /// <summary>The bin as a slice condition, such as <c>age in [18, 25)</c> or <c>origin = PHX</c>.</summary>
    [Id(1)] public required string Condition { get; init; }

    /// <summary>Lower bound of a numeric bin (inclusive); null at the open lower end, and for categories.</summary>
    [Id(2)] public double? Lower { get; init; }

    /// <summary>Upper bound of a numeric bin (exclusive); null at the open upper end, and for categories.</summary>
    [Id(3)] public double? Upper { get; init; }

    /// <summary>The category of a categorical bin; null for numeric bins.</summary>
    [Id(4)] public string? Category { get; init; }

    /// <summary>Share of the window's rows in the bin (all rows; labelled rows when the row share is unknown).</summary>
    [Id(5)] public required double CurrentShare { get; init; }

    /// <summary>Share of the baseline's labelled rows in the bin.</summary>
    [Id(6)] public required double BaselineShare { get; init; }

    /// <summary>The metric over the bin's labelled rows of the window.</summary>
    [Id(7)] public required double Metric { get; init; }

    /// <summary>The metric over the bin's labelled baseline rows; null when the baseline has none there.</summary>
    [Id(8)] public double? BaselineMetric { get; init; }

    /// <summary>Labelled rows of the window in the bin: the rows available to add.</summary>
    [Id(9)] public required long Labelled { get; init; }

    /// <summary>The examples link that downloads the bin's rows of the window.</summary>
    [Id(10)] public required string Examples { get; init; }
}
