using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// The values of one column for the accepted records of a batch, with each record's bucket start (Unix seconds).
/// A numeric column fills <see cref="Numbers"/> (NaN marks a missing value); a categorical column fills
/// <see cref="Categories"/> (null marks a missing value). <see cref="TypeErrors"/> holds the bucket start of every record
/// of the batch rejected because of this column's value, so data quality can report a type-error rate.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ColumnChunk")]
[Immutable]
public sealed record ColumnChunk(
    [property: Id(0)] string BatchId,
    [property: Id(1)] ImmutableArray<long> BucketStarts,
    [property: Id(2)] ImmutableArray<double> Numbers,
    [property: Id(3)] ImmutableArray<string?> Categories,
    [property: Id(4)] ImmutableArray<long> TypeErrors)
{
    /// <summary>The model's bucket size, which tells the column grain whether its buckets can be rolled up into days.</summary>
    [Id(5)] public TimeSpan Bucket { get; init; }

    /// <summary>The batch's place in the ingest log, by which the column grain recognises a batch it already applied.</summary>
    [Id(6)] public LogPosition? Position { get; init; }

    /// <summary>Number of records in the chunk.</summary>
    public int Length => BucketStarts.Length;

    /// <summary>True when the chunk neither adds values nor type errors.</summary>
    public bool IsEmpty => BucketStarts.IsDefaultOrEmpty && TypeErrors.IsDefaultOrEmpty;
}
