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
public sealed record SliceDelta
{
    /// <summary>A delta of <paramref name="predictions"/> and <paramref name="outcomes"/>, scored as the other arguments say.</summary>
    public SliceDelta(
        string batchId,
        ImmutableArray<PredictionRow> predictions,
        ImmutableArray<OutcomeRow> outcomes,
        Models.ModelTask task,
        string positiveLabel,
        double threshold,
        ImmutableArray<byte> calibration)
    {
        BatchId = batchId;
        Rows = predictions.IsDefaultOrEmpty ? null : new PredictionColumns(predictions);
        Outcomes = outcomes;
        Task = task;
        PositiveLabel = positiveLabel;
        Threshold = threshold;
        Calibration = calibration;
    }

    /// <summary>The batch the delta belongs to.</summary>
    [Id(0)] public string BatchId { get; init; }

    /// <summary>Labelled outcomes the batch counts (or, with weight −1, takes back).</summary>
    [Id(2)] public ImmutableArray<OutcomeRow> Outcomes { get; init; }

    /// <summary>The model's task.</summary>
    [Id(3)] public Models.ModelTask Task { get; init; }

    /// <summary>The model's positive label.</summary>
    [Id(4)] public string PositiveLabel { get; init; }

    /// <summary>The decision threshold of a binary classifier's score.</summary>
    [Id(5)] public double Threshold { get; init; }

    /// <summary>The serialized calibration of the label-free estimate; empty when there is none.</summary>
    [Id(6)] public ImmutableArray<byte> Calibration { get; init; }

    /// <summary>
    /// The model's bucket size, which tells the slice grain whether its buckets can be rolled up into days; zero when
    /// the sender does not know it (the label join's outcome deltas), and the grain keeps the size it was last given.
    /// </summary>
    [Id(7)] public TimeSpan Bucket { get; init; }

    /// <summary>The batch's place in the ingest log (through the join shard, for outcomes), by which a slice grain recognises a delta it already applied.</summary>
    [Id(8)] public Ingest.LogPosition? Position { get; init; }

    /// <summary>New predictions, one row per record and slice member of the family.</summary>
    public ImmutableArray<PredictionRow> Predictions => Rows?.ToRows() ?? (LegacyPredictions.IsDefault ? [] : LegacyPredictions);

    [Id(9)] private PredictionColumns? Rows { get; init; }

    // The first layout, a tagged row each, read back from log segments written by it; never written now.
    [Id(1)] private ImmutableArray<PredictionRow> LegacyPredictions { get; init; }
}
