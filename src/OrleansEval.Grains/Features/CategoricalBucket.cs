using OrleansEval.Sketches.Categories;
using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Grains.Features;

/// <summary>A categorical column's bucket: category counts (exact up to the cap) and the missing count.</summary>
internal sealed class CategoricalBucket : ColumnBucket
{
    /// <summary>First byte of the untagged format written before buckets had a type tag; its second byte is 1.</summary>
    public const byte UntaggedTag = 2;

    private const string TypeName = "categorical bucket";

    private CategoricalBucket(CategoryCounts counts, long missing)
    {
        Counts = counts;
        Missing = missing;
    }

    public static CategoricalBucket Create(ColumnSettings settings) => new(new CategoryCounts(settings.CategoryCap), 0);

    /// <summary>One bucket holding everything <paramref name="parts"/> hold, merged in order.</summary>
    public static CategoricalBucket Combine(IEnumerable<CategoricalBucket> parts, ColumnSettings settings)
    {
        var combined = Create(settings);
        foreach (var part in parts)
        {
            combined.Counts.Merge(part.Counts);
            combined.Missing += part.Missing;
            combined.TypeErrors += part.TypeErrors;
        }

        return combined;
    }

    public CategoryCounts Counts { get; }

    public override long Count => Counts.Count;

    public void Add(string? category)
    {
        if (category is null)
        {
            Missing++;
        }
        else
        {
            Counts.Update(category);
        }
    }

    /// <summary>
    /// Layout after the header (<see cref="SketchKind.CategoricalBucket"/>, version 1): missing and type-error counts
    /// (int64 each), then the category counts' own bytes to the end.
    /// </summary>
    public override byte[] Serialize()
    {
        var counts = Counts.Serialize();
        var writer = StartWriting(SketchKind.CategoricalBucket, 2 + (2 * sizeof(long)) + counts.Length);
        writer.WriteBytes(counts);
        return writer.ToArray();
    }

    /// <summary>Reads the bytes of <see cref="Serialize"/>, or of the untagged format that preceded it (the same layout).</summary>
    public static CategoricalBucket Read(ReadOnlySpan<byte> bytes)
    {
        var reader = StartReading(bytes, SketchKind.CategoricalBucket, UntaggedTag, TypeName);
        var missing = reader.ReadInt64();
        var typeErrors = reader.ReadInt64();
        var counts = CategoryCounts.Deserialize(reader.ReadBytes(reader.Remaining));
        return new CategoricalBucket(counts, missing) { TypeErrors = typeErrors };
    }
}
