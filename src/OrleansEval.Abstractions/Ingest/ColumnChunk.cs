using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// The values of one column for the accepted records of a batch, with each record's bucket start (Unix seconds).
/// A numeric column fills <see cref="Numbers"/> (NaN marks a missing value); a categorical column fills
/// <see cref="Categories"/> (null marks a missing value).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ColumnChunk")]
[Immutable]
public sealed record ColumnChunk(
    [property: Id(0)] string BatchId,
    [property: Id(1)] ImmutableArray<long> BucketStarts,
    [property: Id(2)] ImmutableArray<double> Numbers,
    [property: Id(3)] ImmutableArray<string?> Categories)
{
    /// <summary>Number of records in the chunk.</summary>
    public int Length => BucketStarts.Length;
}
