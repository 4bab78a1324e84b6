using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Categories;

/// <content>The versioned binary format described on the type.</content>
public sealed partial class CategoryCounts
{
    /// <summary>Serializes in the version 1 format described on the type; equal contents give equal bytes.</summary>
    public byte[] Serialize()
    {
        var writer = new SketchWriter(SketchKind.CategoryCounts, FormatVersion, 32 + (_counts.Count * 16));
        writer.WriteByte(_distinct is null ? (byte)0 : (byte)1);
        writer.WriteInt32(MaxExactCategories);
        writer.WriteByte((byte)HyperLogLogPrecision);
        writer.WriteVarCount(_count);
        writer.WriteVarCount(_otherCount);
        writer.WriteVarCount(_maximumUnderestimate);
        writer.WriteVarCount(_counts.Count);
        foreach (var (category, value) in GetSortedCounts())
        {
            writer.WriteUtf8String(category);
            writer.WriteVarCount(value);
        }

        if (_distinct is not null)
        {
            var estimator = _distinct.Serialize();
            writer.WriteVarCount(estimator.Length);
            writer.WriteBytes(estimator);
        }

        return writer.ToArray();
    }

    /// <summary>Reads counts written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not well-formed category counts of a supported version.</exception>
    public static CategoryCounts Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = SketchReader.Open(data, SketchKind.CategoryCounts, FormatVersion, TypeName);
        var flags = reader.ReadByte();
        if (flags > 1)
        {
            throw reader.Corrupt($"unknown flags 0x{flags:X2}");
        }

        var cap = reader.ReadInt32();
        int precision = reader.ReadByte();
        if (cap is < 1 or > MaximumMaxExactCategories || precision is < HyperLogLog.MinimumPrecision or > HyperLogLog.MaximumPrecision)
        {
            throw reader.Corrupt($"cap {cap} or precision {precision} is out of range");
        }

        var result = new CategoryCounts(cap, precision)
        {
            _count = reader.ReadVarCount(),
            _otherCount = reader.ReadVarCount(),
            _maximumUnderestimate = reader.ReadVarCount(),
        };
        var exact = flags == 0;
        var categories = reader.ReadVarLength(exact ? cap : 2 * cap, "the number of categories");
        if (exact && (result._otherCount != 0 || result._maximumUnderestimate != 0))
        {
            throw reader.Corrupt("exact counts carry an other mass or an underestimate");
        }

        var total = result._otherCount;
        string? previous = null;
        for (var i = 0; i < categories; i++)
        {
            var category = reader.ReadUtf8String();
            var value = reader.ReadVarCount();
            if (value == 0)
            {
                throw reader.Corrupt("a category has a zero count");
            }

            if (previous is not null && string.CompareOrdinal(previous, category) >= 0)
            {
                throw reader.Corrupt("the categories are not in strictly ascending ordinal order");
            }

            if (value > result._count - total)
            {
                throw reader.Corrupt("the category counts exceed the total");
            }

            total += value;
            result._counts.Add(category, value);
            previous = category;
        }

        if (total != result._count)
        {
            throw reader.Corrupt($"the counts and other mass sum to {total}, not the total {result._count}");
        }

        if (!exact)
        {
            var length = reader.ReadVarLength(reader.Remaining, "the estimator length");
            result._distinct = HyperLogLog.Deserialize(reader.ReadBytes(length));
        }

        reader.EnsureEnd();
        return result;
    }
}
