using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Ingest;

/// <summary>
/// A batch checked and pivoted, as the ingest log keeps it: every grain call the batch makes, with its arguments, so
/// a replay makes exactly the calls the first fan-out made. A batch of records fills the series, predictions, chunks
/// and deltas; a batch of late actuals fills <see cref="Actuals"/>.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.IngestPlan")]
[Immutable]
public sealed record IngestPlan
{
    /// <summary>The series the batch's records belong to, registered with the model.</summary>
    [Id(0)] public ImmutableArray<SeriesId> Series { get; init; } = [];

    /// <summary>The predictions each label-join shard registers.</summary>
    [Id(1)] public ImmutableArray<ShardPredictions> Predictions { get; init; } = [];

    /// <summary>One chunk per column grain.</summary>
    [Id(2)] public ImmutableArray<KeyedChunk> Chunks { get; init; } = [];

    /// <summary>
    /// One delta of predictions per slice-family grain, in plans of the first layouts; empty in a plan with
    /// <see cref="Slicing"/>, whose deltas are derived from <see cref="Predictions"/>.
    /// </summary>
    [Id(3)] public ImmutableArray<KeyedDelta> Deltas { get; init; } = [];

    /// <summary>The late actuals each label-join shard joins.</summary>
    [Id(4)] public ImmutableArray<ShardActuals> Actuals { get; init; } = [];

    /// <summary>The model's task, which the join scores outcomes by.</summary>
    [Id(5)] public ModelTask Task { get; init; }

    /// <summary>The model's positive label, which the join scores outcomes by.</summary>
    [Id(6)] public string PositiveLabel { get; init; } = "1";

    /// <summary>
    /// Per series, what its rows need beyond the column chunks (prediction ids, event times, tags); the row store takes
    /// feature values, predictions and the records' own actuals from the chunks. Empty in entries written before rows
    /// were kept.
    /// </summary>
    [Id(7)] public ImmutableArray<SeriesRows> Rows { get; init; } = [];

    /// <summary>The model revision the batch was counted under.</summary>
    [Id(8)] public long Revision { get; init; }

    /// <summary>
    /// When the store took the batch (its clock), which orders a row's own actual against late actuals and corrections;
    /// the same in every replay of the entry. The default value in entries written before it was kept.
    /// </summary>
    [Id(9)] public DateTimeOffset Received { get; init; }

    /// <summary>
    /// What the slice deltas are derived from beside the predictions, in place of logging them; null in plans of the
    /// first layouts (which carry <see cref="Deltas"/>) and in plans of late actuals.
    /// </summary>
    [Id(10)] public PlanSlicing? Slicing { get; init; }
}
