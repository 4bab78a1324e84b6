namespace OrleansEval.Ingest;

/// <summary>
/// Where a batch sits in its model's ingest log: the log's key, the entry's sequence number, and the log's floor —
/// every entry below it is gone from the log and can never be replayed, so a grain may forget it applied them.
/// Grains recognise a batch they already applied by its position.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.LogPosition")]
[Immutable]
public sealed record LogPosition([property: Id(0)] string Log, [property: Id(1)] long Sequence, [property: Id(2)] long Floor)
{
    /// <summary>The position of what <paramref name="grain"/> sends on because of this entry (a join shard's outcomes).</summary>
    public LogPosition Via(string grain) => this with { Log = $"{Log}>{grain}" };
}
