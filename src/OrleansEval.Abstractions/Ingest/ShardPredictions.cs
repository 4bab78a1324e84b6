using OrleansEval.Actuals;

namespace OrleansEval.Ingest;

/// <summary>
/// The predictions of a logged batch that one label-join shard registers. Written as one field of packed bytes
/// (<see cref="PackedPredictionsCodec"/>), the form the call to the shard carries, instead of a field with its own
/// header per value of every column; a plan logged before that layout holds them field by field, and reads back as it did.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ShardPredictions")]
[Immutable]
public sealed record ShardPredictions
{
    [Id(2)] private readonly PackedPredictions? _packed;

    /// <summary>The predictions <paramref name="rows"/> of shard <paramref name="shard"/>; the rows are not changed after.</summary>
    public ShardPredictions(int shard, PendingPredictions rows)
    {
        Shard = shard;
        _packed = new PackedPredictions(rows);
    }

    /// <summary>The join shard.</summary>
    [Id(0)]
    public int Shard { get; init; }

    /// <summary>The predictions.</summary>
    public PendingPredictions Rows => _packed?.Rows ?? FieldByField ?? throw new InvalidDataException("shard predictions without rows");

    // The rows as segments of the first layouts stored them, field by field: read, never written.
    [Id(1)]
    private PendingPredictions? FieldByField { get; init; }

    /// <summary>The rows as the call to the shard carries them.</summary>
    public PackedPredictions Packed => _packed ?? new PackedPredictions(Rows);
}
