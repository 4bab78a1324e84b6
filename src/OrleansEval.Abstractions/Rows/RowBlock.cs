using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Rows;

/// <summary>
/// Kept rows of one series and one UTC day, column by column, as the row store answers them: each row is a record as
/// it was accepted (its values in the model's column types) with the actual known for it now — the one it was sent
/// with, or the latest late actual or correction the join gave it. Rows are in descending timestamp order.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RowBlock")]
[Immutable]
public sealed record RowBlock
{
    /// <summary>The series (version and environment) of every row.</summary>
    [Id(0)] public required SeriesId Series { get; init; }

    /// <summary>The prediction id of each row.</summary>
    [Id(1)] public required ImmutableArray<string> PredictionIds { get; init; }

    /// <summary>The event time of each row (UTC).</summary>
    [Id(2)] public required ImmutableArray<DateTimeOffset> Timestamps { get; init; }

    /// <summary>The model revision each row's batch was counted under, which tells a backfill what a slice already saw.</summary>
    [Id(3)] public required ImmutableArray<long> Revisions { get; init; }

    /// <summary>One column per feature of the model, in schema order.</summary>
    [Id(4)] public required ImmutableArray<RowColumn> Features { get; init; }

    /// <summary>One column per tag name any row of the block carries (categorical), by name.</summary>
    [Id(5)] public required ImmutableArray<RowColumn> Tags { get; init; }

    /// <summary>The predicted label of each row (null when none).</summary>
    [Id(6)] public required ImmutableArray<string?> PredictedLabels { get; init; }

    /// <summary>The positive-class score of each row (NaN when none).</summary>
    [Id(7)] public required ImmutableArray<double> Scores { get; init; }

    /// <summary>The predicted value of each row for a regressor (NaN otherwise).</summary>
    [Id(8)] public required ImmutableArray<double> PredictedValues { get; init; }

    /// <summary>The actual label of each row now (null when none is known, or for a regressor).</summary>
    [Id(9)] public required ImmutableArray<string?> ActualLabels { get; init; }

    /// <summary>The actual value of each row now for a regressor (NaN when none is known, or for a classifier).</summary>
    [Id(10)] public required ImmutableArray<double> ActualValues { get; init; }

    /// <summary>
    /// True when the block's day held more records than the store keeps a day (<c>RowsPerDay</c>), so its rows are a
    /// uniform sample of them.
    /// </summary>
    [Id(11)] public bool Sampled { get; init; }

    /// <summary>Number of rows.</summary>
    public int Count => PredictionIds.Length;

    /// <summary>True when row <paramref name="row"/> has an actual.</summary>
    public bool IsLabelled(int row) => ActualLabels[row] is not null || !double.IsNaN(ActualValues[row]);
}
