namespace OrleansEval.Actuals;

/// <summary>
/// The predictions a batch registers with one join shard, as they cross to the shard's silo: one field of packed
/// bytes (<see cref="PackedPredictionsCodec"/>) instead of a field with its own header per value of every column. The
/// call and the log entry (<see cref="Ingest.ShardPredictions"/>) carry this form; the shard's segments keep
/// <see cref="PendingPredictions"/> in their own.
/// The rows are not changed once wrapped, so a call within one silo hands them over without a copy.
/// </summary>
[Immutable]
[Alias("OrleansEval.PackedPredictions")]
public sealed class PackedPredictions
{
    /// <summary>Wraps <paramref name="rows"/>, which are not changed after.</summary>
    public PackedPredictions(PendingPredictions rows) => Rows = rows ?? throw new ArgumentNullException(nameof(rows));

    /// <summary>The rows.</summary>
    public PendingPredictions Rows { get; }
}
