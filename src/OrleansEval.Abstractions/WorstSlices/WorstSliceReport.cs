using System.Collections.Immutable;

namespace OrleansEval.WorstSlices;

/// <summary>
/// What a worst-slice search found: the rows it used (and whether they were a sample), the overall error, the best
/// slices by score, how many candidates were counted, and — when there are no slices — why.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.WorstSliceReport")]
[Immutable]
public sealed record WorstSliceReport
{
    /// <summary>Start of the window searched (inclusive).</summary>
    [Id(0)] public required DateTimeOffset From { get; init; }

    /// <summary>End of the window searched (exclusive).</summary>
    [Id(1)] public required DateTimeOffset To { get; init; }

    /// <summary>Labelled rows the metric was computed for.</summary>
    [Id(2)] public required int Rows { get; init; }

    /// <summary>True when a day of the window held more records than the store keeps, so the rows are a sample.</summary>
    [Id(3)] public required bool Sampled { get; init; }

    /// <summary>The per-row error metric.</summary>
    [Id(4)] public required string Metric { get; init; }

    /// <summary>Mean error over every row searched; null without rows.</summary>
    [Id(5)] public double? OverallError { get; init; }

    /// <summary>Share of correct predictions over every row searched (classifiers); null otherwise.</summary>
    [Id(6)] public double? OverallAccuracy { get; init; }

    /// <summary>The best slices, best score first.</summary>
    [Id(7)] public required ImmutableArray<WorstSlice> Slices { get; init; }

    /// <summary>Candidate slices whose size and error were counted; the q-values correct for all of them.</summary>
    [Id(8)] public required int Examined { get; init; }

    /// <summary>The smallest slice searched.</summary>
    [Id(9)] public required int MinSize { get; init; }

    /// <summary>Why there are no slices (no labelled rows, no error at all, none scoring above 0); null otherwise.</summary>
    [Id(10)] public string? Reason { get; init; }

    /// <summary>The baseline whose cut points binned the numeric features; null when the model has none.</summary>
    [Id(11)] public string? Baseline { get; init; }

    /// <summary>Numeric features that were not searched because the baseline has no cut points for them.</summary>
    [Id(12)] public ImmutableArray<string> Unbinned { get; init; } = [];
}
