using System.Buffers.Binary;
using OrleansEval.Sketches.Categories;

namespace OrleansEval.Grains.Features;

/// <summary>A categorical column's bucket: category counts (exact up to the cap) and the missing count.</summary>
internal sealed class CategoricalBucket : ColumnBucket
{
    public const byte TypeTag = 2;

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

    public override byte[] Serialize()
    {
        var counts = Counts.Serialize();
        var bytes = new byte[2 + (2 * sizeof(long)) + counts.Length];
        bytes[0] = TypeTag;
        bytes[1] = FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(2), Missing);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(2 + sizeof(long)), TypeErrors);
        counts.CopyTo(bytes.AsSpan(2 + (2 * sizeof(long))));
        return bytes;
    }

    public static CategoricalBucket Read(byte[] bytes)
    {
        if (bytes.Length < 2 + (2 * sizeof(long)))
        {
            throw new FormatException("A categorical bucket is truncated.");
        }

        if (bytes[1] != FormatVersion)
        {
            throw new FormatException($"Categorical bucket format version {bytes[1]} is not supported.");
        }

        var missing = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(2));
        var typeErrors = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(2 + sizeof(long)));
        return new CategoricalBucket(CategoryCounts.Deserialize(bytes.AsSpan(2 + (2 * sizeof(long)))), missing) { TypeErrors = typeErrors };
    }
}
