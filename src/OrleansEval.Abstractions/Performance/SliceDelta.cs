using System.Collections.Immutable;

namespace OrleansEval.Performance;

/// <summary>
/// What one batch adds to a slice family: new predictions and labelled outcomes, with the task, threshold and positive
/// label they are scored by, and the serialized calibration of the label-free estimate (empty when there is none).
/// Applied once per batch id.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceDelta")]
[Immutable]
public sealed record SliceDelta(
    [property: Id(0)] string BatchId,
    [property: Id(1)] ImmutableArray<PredictionRow> Predictions,
    [property: Id(2)] ImmutableArray<OutcomeRow> Outcomes,
    [property: Id(3)] Models.ModelTask Task,
    [property: Id(4)] string PositiveLabel,
    [property: Id(5)] double Threshold,
    [property: Id(6)] ImmutableArray<byte> Calibration)
{
    /// <summary>
    /// The model's bucket size, which tells the slice grain whether its buckets can be rolled up into days; zero when
    /// the sender does not know it (the label join's outcome deltas), and the grain keeps the size it was last given.
    /// </summary>
    [Id(7)] public TimeSpan Bucket { get; init; }

    /// <summary>The batch's place in the ingest log (through the join shard, for outcomes), by which a slice grain recognises a delta it already applied.</summary>
    [Id(8)] public Ingest.LogPosition? Position { get; init; }
}
