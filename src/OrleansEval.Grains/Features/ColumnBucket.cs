using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Grains.Features;

/// <summary>One event-time bucket of one column: a numeric or a categorical summary.</summary>
internal abstract class ColumnBucket
{
    private const byte FormatVersion = 1;
    private const byte UntaggedVersion = 1;

    /// <summary>Records in the bucket with a value.</summary>
    public abstract long Count { get; }

    /// <summary>Records in the bucket without a value.</summary>
    public long Missing { get; protected set; }

    /// <summary>Records rejected because this column's value had the wrong type or was not a finite number.</summary>
    public long TypeErrors { get; set; }

    public abstract byte[] Serialize();

    /// <summary>Starts a bucket's bytes: the header of <paramref name="kind"/>, then the missing and type-error counts (int64 each).</summary>
    protected SketchWriter StartWriting(SketchKind kind, int capacityHint)
    {
        var writer = new SketchWriter(kind, FormatVersion, capacityHint);
        writer.WriteInt64(Missing);
        writer.WriteInt64(TypeErrors);
        return writer;
    }

    /// <summary>
    /// Opens a bucket's bytes, tagged as <paramref name="kind"/> or in the untagged format that preceded the tags (first
    /// byte <paramref name="untaggedTag"/>, then version 1, then the same layout), positioned at the missing count.
    /// </summary>
    protected static SketchReader StartReading(ReadOnlySpan<byte> bytes, SketchKind kind, byte untaggedTag, string typeName) =>
        bytes.Length >= 2 && bytes[0] == untaggedTag && bytes[1] == UntaggedVersion
            ? SketchReader.OpenUntagged(bytes, 2, typeName)
            : SketchReader.Open(bytes, kind, FormatVersion, typeName);

    /// <summary>
    /// One bucket for a whole day from that day's buckets, merged in ascending order. A column's values all have one
    /// type; a bucket of the other type holds only type errors (a batch whose every value of the column was rejected),
    /// and those are kept.
    /// </summary>
    public static ColumnBucket Combine(IReadOnlyList<ColumnBucket> parts, ColumnSettings settings, int exactCapacity)
    {
        var numeric = parts.OfType<NumericBucket>().ToList();
        ColumnBucket combined = numeric.Count > 0
            ? NumericBucket.Combine(numeric, settings, exactCapacity)
            : CategoricalBucket.Combine(parts.OfType<CategoricalBucket>(), settings);
        combined.TypeErrors += parts.Where(p => p.GetType() != combined.GetType()).Sum(p => p.TypeErrors);
        return combined;
    }

    /// <summary>Reads a bucket of either type, in its tagged format or the untagged one that preceded it.</summary>
    public static ColumnBucket Deserialize(byte[] bytes) =>
        bytes switch
        {
            [(byte)SketchKind.NumericBucket or NumericBucket.UntaggedTag, ..] => NumericBucket.Read(bytes),
            [(byte)SketchKind.CategoricalBucket or CategoricalBucket.UntaggedTag, ..] => CategoricalBucket.Read(bytes),
            [var tag, ..] => throw new FormatException($"Unknown column bucket type {tag}."),
            [] => throw new FormatException("A column bucket is empty."),
        };
}
