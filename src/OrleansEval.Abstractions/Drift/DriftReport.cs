using OrleansEval.Models;
using System.Collections.Immutable;

namespace OrleansEval.Drift;

/// <summary>The drift of every feature, the prediction and the actual of a model in a window against a baseline.</summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftReport")]
[Immutable]
public sealed record DriftReport
{
    /// <summary>The model.</summary>
    [Id(0)] public required string ModelId { get; init; }

    /// <summary>The baseline the window is compared with.</summary>
    [Id(1)] public required string Baseline { get; init; }

    /// <summary>The version of the series in the window.</summary>
    [Id(2)] public required string Version { get; init; }

    /// <summary>The environment of the series in the window.</summary>
    [Id(3)] public required string Environment { get; init; }

    /// <summary>
    /// The window answered: the asked one snapped outward to whole buckets, and to whole days where it cuts a day whose
    /// buckets were rolled up.
    /// </summary>
    [Id(4)] public required TimeWindow Window { get; init; }

    /// <summary>Number of records in the window.</summary>
    [Id(5)] public long Count { get; init; }

    /// <summary>Feature columns, in the schema's order.</summary>
    [Id(6)] public ImmutableArray<ColumnDrift> Features { get; init; } = [];

    /// <summary>Prediction columns: score and label for a classifier, value for a regressor.</summary>
    [Id(7)] public ImmutableArray<ColumnDrift> Prediction { get; init; } = [];

    /// <summary>Actual columns: label for a classifier, value for a regressor.</summary>
    [Id(8)] public ImmutableArray<ColumnDrift> Actual { get; init; } = [];
}
