using OrleansEval.Models;
using System.Collections.Immutable;
using OrleansEval.Slices;

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

    /// <summary>The slice asked for by name, as the question gave it; null for none.</summary>
    [Id(9)] public string? Slice { get; init; }

    /// <summary>The conditions both sides' rows met (the slice's and every <c>where=</c>); empty for an unsliced answer.</summary>
    [Id(10)] public ImmutableArray<SliceCondition> Conditions { get; init; } = [];

    /// <summary>Where the answer was computed from: null for the columns' sketches, <c>rows</c> for the kept rows.</summary>
    [Id(11)] public string? Source { get; init; }

    /// <summary>Rows of the baseline that met the conditions (answers from rows only).</summary>
    [Id(12)] public long BaselineRows { get; init; }

    /// <summary>Rows of the window that met the conditions (answers from rows only).</summary>
    [Id(13)] public long CurrentRows { get; init; }

    /// <summary>True when a day of either side held more records than the row store keeps, so its rows were a sample.</summary>
    [Id(14)] public bool Sampled { get; init; }
}
