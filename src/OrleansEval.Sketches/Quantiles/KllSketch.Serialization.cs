using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Quantiles;

/// <content>
/// Binary format, version 1, little-endian:
/// <code>
/// offset  size  field
///      0     1  type tag 0x01 (SketchKind.Kll)
///      1     1  format version 1
///      2     1  flags: bit 0 set while exact; other bits zero
///      3     1  level count H, 1..63
///      4     4  k (int32)
///      8     4  exact capacity (int32)
///     12     8  count (int64)
///     20     8  minimum (double; NaN when empty)
///     28     8  maximum (double; NaN when empty)
///     36     8  compaction variance V (double; see RankErrorBound)
///     44     …  H level sizes, each unsigned LEB128
///      …     …  the items of level 0, 1, …, H−1, each level ascending, as doubles
/// </code>
/// The sum over levels of size·2^level equals the count. Level 0, unsorted in memory, is written sorted too, so equal
/// sketches give equal bytes.
/// </content>
public sealed partial class KllSketch
{
    /// <summary>Newest binary format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const string TypeName = "KLL sketch";

    /// <summary>
    /// Serializes the sketch in the versioned little-endian format: a 44-byte header, the level sizes as LEB128 and the
    /// retained values as doubles, level by level, each level ascending. At most about 8 KB for k = 200 and the default
    /// exact capacity.
    /// </summary>
    public byte[] Serialize()
    {
        var writer = new SketchWriter(SketchKind.Kll, FormatVersion, 64 + (_retained * sizeof(double)));
        writer.WriteByte(_isExact ? (byte)1 : (byte)0);
        writer.WriteByte((byte)_levelCount);
        writer.WriteInt32(K);
        writer.WriteInt32(ExactCapacity);
        writer.WriteInt64(_count);
        writer.WriteDouble(MinValue);
        writer.WriteDouble(MaxValue);
        writer.WriteDouble(_compactionVariance);
        for (var h = 0; h < _levelCount; h++)
        {
            writer.WriteVarUInt64((ulong)Size(h));
        }

        var level0 = Level(0).ToArray();
        Array.Sort(level0);
        foreach (var item in level0)
        {
            writer.WriteDouble(item);
        }

        for (var h = 1; h < _levelCount; h++)
        {
            foreach (var item in Level(h))
            {
                writer.WriteDouble(item);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Reads a sketch written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed KLL sketch of a supported version.</exception>
    public static KllSketch Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = SketchReader.Open(data, SketchKind.Kll, FormatVersion, TypeName);
        var flags = reader.ReadByte();
        if (flags > 1)
        {
            throw reader.Corrupt($"unknown flags 0x{flags:X2}");
        }

        var isExact = flags == 1;
        int levelCount = reader.ReadByte();
        if (levelCount is < 1 or > MaxLevels)
        {
            throw reader.Corrupt($"level count {levelCount} is outside 1..{MaxLevels}");
        }

        var k = reader.ReadInt32();
        var exactCapacity = reader.ReadInt32();
        if (ParameterProblem(k, exactCapacity, out _) is { } problem)
        {
            throw reader.Corrupt(problem);
        }

        var count = reader.ReadInt64();
        var min = reader.ReadDouble();
        var max = reader.ReadDouble();
        var variance = reader.ReadDouble();
        if (count < 0)
        {
            throw reader.Corrupt($"negative count {count}");
        }

        if (count == 0 ? !(double.IsNaN(min) && double.IsNaN(max)) : !(double.IsFinite(min) && double.IsFinite(max) && min <= max))
        {
            throw reader.Corrupt("the minimum and maximum are inconsistent with the count");
        }

        if (!(double.IsFinite(variance) && variance >= 0) || (isExact && variance != 0))
        {
            throw reader.Corrupt("the compaction variance is invalid");
        }

        if (isExact ? levelCount != 1 || count > exactCapacity : count == 0)
        {
            throw reader.Corrupt("the exact flag is inconsistent with the count and levels");
        }

        var sizes = new int[levelCount];
        long weight = 0;
        var retained = 0;
        for (var h = 0; h < levelCount; h++)
        {
            sizes[h] = reader.ReadVarLength(reader.Remaining / sizeof(double), "a level size");
            retained = checked(retained + sizes[h]);
            if (retained > reader.Remaining / sizeof(double))
            {
                throw reader.Corrupt("the level sizes exceed the data that follows");
            }

            if (sizes[h] > (long.MaxValue - weight) >> h)
            {
                throw reader.Corrupt("the level weights overflow");
            }

            weight += (long)sizes[h] << h;
        }

        if (weight != count)
        {
            throw reader.Corrupt($"the levels hold weight {weight} but the count is {count}");
        }

        // Exact, the buffer holds the values read and grows on the next update; else the levels' summed capacity.
        var items = new double[isExact ? retained : Math.Max(retained, SummedCapacity(k, levelCount))];
        var sketch = new KllSketch(k, exactCapacity, items)
        {
            _levelCount = levelCount,
            _retained = retained,
            _count = count,
            _min = count == 0 ? double.PositiveInfinity : min,
            _max = count == 0 ? double.NegativeInfinity : max,
            _isExact = isExact,
            _compactionVariance = variance,
        };

        var write = items.Length - retained;
        for (var h = 0; h < levelCount; h++)
        {
            sketch._starts[h] = write;
            for (var i = 0; i < sizes[h]; i++)
            {
                var item = reader.ReadDouble();
                if (!(item >= min && item <= max))
                {
                    throw reader.Corrupt($"a value at level {h} is outside the recorded minimum and maximum");
                }

                if (i > 0 && item < items[write - 1])
                {
                    throw reader.Corrupt($"level {h} is not in ascending order");
                }

                items[write++] = item == 0 ? 0 : item;
            }
        }

        sketch._starts[levelCount] = write;
        reader.EnsureEnd();
        sketch.RecomputeCapacities();
        return sketch;
    }
}
