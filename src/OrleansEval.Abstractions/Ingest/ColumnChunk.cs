using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// The values of one column for the accepted records of a batch, with each record's bucket start (Unix seconds).
/// A numeric column fills <see cref="Numbers"/> (NaN marks a missing value); a categorical column fills its categories
/// (<see cref="Category"/>; null marks a missing value). <see cref="TypeErrors"/> holds the bucket start of every
/// record of the batch rejected because of this column's value, so data quality can report a type-error rate.
/// </summary>
/// <remarks>
/// Kept compact, because every chunk is written to the ingest log and crosses silos: bucket starts as runs (the
/// records of a batch fall in a few buckets), categories as codes into the distinct labels of the chunk, numbers as
/// one field of packed bytes (<see cref="PackedNumbers"/>, field 11). Chunks written before these layouts still read
/// back: a bucket start and a label per record (fields 1 and 3), and numbers as a field each (field 2).
/// </remarks>
[GenerateSerializer]
[Alias("OrleansEval.ColumnChunk")]
[Immutable]
public sealed record ColumnChunk
{
    /// <summary>A chunk of <paramref name="bucketStarts"/>.Length records, one bucket start each.</summary>
    public ColumnChunk(
        string batchId,
        ImmutableArray<long> bucketStarts,
        ImmutableArray<double> numbers,
        ImmutableArray<string?> categories,
        ImmutableArray<long> typeErrors)
    {
        BatchId = batchId;
        Packed = numbers.IsDefaultOrEmpty ? null : new PackedNumbers(numbers);
        TypeErrors = typeErrors;
        (RunStarts, RunEnds) = CompactColumns.Runs(bucketStarts.IsDefault ? [] : bucketStarts);
        (Labels, Codes) = CompactColumns.Encode(categories.IsDefault ? [] : categories);
    }

    /// <summary>The batch the chunk belongs to.</summary>
    [Id(0)] public string BatchId { get; init; }

    /// <summary>The numeric values, one per record; empty for a categorical column.</summary>
    public ImmutableArray<double> Numbers => Packed?.Values ?? (LegacyNumbers.IsDefault ? [] : LegacyNumbers);

    /// <summary>Bucket starts of records that were rejected because of this column's value.</summary>
    [Id(4)] public ImmutableArray<long> TypeErrors { get; init; }

    /// <summary>The model's bucket size, which tells the column grain whether its buckets can be rolled up into days.</summary>
    [Id(5)] public TimeSpan Bucket { get; init; }

    /// <summary>The batch's place in the ingest log, by which the column grain recognises a batch it already applied.</summary>
    [Id(6)] public LogPosition? Position { get; init; }

    /// <summary>Number of records in the chunk.</summary>
    public int Length => RunEnds.IsDefaultOrEmpty && !LegacyBucketStarts.IsDefault ? LegacyBucketStarts.Length : CompactColumns.RunLength(RunEnds);

    /// <summary>True when the chunk neither adds values nor type errors.</summary>
    public bool IsEmpty => Length == 0 && TypeErrors.IsDefaultOrEmpty;

    // Runs of equal bucket starts: run r covers records [RunEnds[r - 1], RunEnds[r]).
    [Id(7)] private ImmutableArray<long> RunStarts { get; init; }

    [Id(8)] private ImmutableArray<int> RunEnds { get; init; }

    // The distinct labels of a categorical column in order of first use; Codes[i] is record i's index, -1 for missing.
    [Id(9)] private ImmutableArray<string> Labels { get; init; }

    [Id(10)] private ImmutableArray<int> Codes { get; init; }

    // The numbers of a numeric column; null for a categorical one.
    [Id(11)] private PackedNumbers? Packed { get; init; }

    // The first layout, read back from log segments written by it; never written now.
    [Id(1)] private ImmutableArray<long> LegacyBucketStarts { get; init; }

    [Id(3)] private ImmutableArray<string?> LegacyCategories { get; init; }

    // The numbers as the layouts before field 11 wrote them, a field per value; never written now.
    [Id(2)] private ImmutableArray<double> LegacyNumbers { get; init; }

    /// <summary>The bucket start of record <paramref name="row"/>.</summary>
    public long BucketStart(int row) =>
        RunEnds.IsDefaultOrEmpty ? LegacyBucketStarts[row] : CompactColumns.RunValue(RunStarts, RunEnds, row);

    /// <summary>The category of record <paramref name="row"/>, null when missing.</summary>
    public string? Category(int row) =>
        Codes.IsDefaultOrEmpty ? LegacyCategories[row] : CompactColumns.Decode(Labels, Codes[row]);
}
