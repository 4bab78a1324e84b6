using System.Buffers.Binary;
using OrleansEval.Sketches.Categories;
using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;
using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Tests.Serialization;

public class CorruptInputTests
{
    public static TheoryData<string> Kinds =>
        ["kll-exact", "kll-approximate", "moments", "categories-exact", "categories-inexact", "hyperloglog"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_EveryTruncation_ThrowsFormatException(string kind)
    {
        var bytes = Serialize(kind);
        for (var length = 0; length < bytes.Length; length++)
        {
            var truncated = bytes.AsSpan(0, length).ToArray();
            Assert.Throws<FormatException>(() => Deserialize(kind, truncated));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_TrailingByte_ThrowsFormatException(string kind)
    {
        var bytes = Serialize(kind);
        Assert.Throws<FormatException>(() => Deserialize(kind, [.. bytes, 0]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_AnotherTypesTag_ThrowsFormatException(string kind)
    {
        var bytes = Serialize(kind);
        bytes[0] = bytes[0] == (byte)SketchKind.Kll ? (byte)SketchKind.RunningMoments : (byte)SketchKind.Kll;
        var ex = Assert.Throws<FormatException>(() => Deserialize(kind, bytes));
        Assert.Contains("type tag", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_UnknownVersion_ThrowsFormatException(string kind)
    {
        var bytes = Serialize(kind);
        foreach (var version in new byte[] { 0, 2, 255 })
        {
            bytes[1] = version;
            var ex = Assert.Throws<FormatException>(() => Deserialize(kind, bytes));
            Assert.Contains("version", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_RandomlyCorruptedBytes_ThrowsNothingButFormatException(string kind)
    {
        var original = Serialize(kind);
        var random = new DeterministicRandom(99);
        var rejected = 0;
        for (var trial = 0; trial < 500; trial++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.NextInt(3);
            for (var f = 0; f < flips; f++)
            {
                bytes[random.NextInt(bytes.Length)] ^= (byte)(1 + random.NextInt(255));
            }

            try
            {
                // Whatever is accepted must be a usable sketch that round-trips.
                var reread = Serialize(Deserialize(kind, bytes));
                Assert.Equal(reread, Serialize(Deserialize(kind, reread)));
            }
            catch (FormatException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > 0, "No corruption was detected at all.");
    }

    [Fact]
    public void Deserialize_KllCountNotMatchingLevelWeights_ThrowsFormatException()
    {
        var bytes = GoldenSketches.ApproximateKll().Serialize();
        var count = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), count + 1);
        var ex = Assert.Throws<FormatException>(() => KllSketch.Deserialize(bytes));
        Assert.Contains("weight", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_KllLevelOutOfOrder_ThrowsFormatException()
    {
        var sketch = GoldenSketches.ApproximateKll();
        var bytes = sketch.Serialize();

        // The last two doubles are the two largest items of the top level; swapping them breaks its order.
        var last = bytes.AsSpan(bytes.Length - 8, 8).ToArray();
        bytes.AsSpan(bytes.Length - 16, 8).CopyTo(bytes.AsSpan(bytes.Length - 8));
        last.CopyTo(bytes.AsSpan(bytes.Length - 16));
        var ex = Assert.Throws<FormatException>(() => KllSketch.Deserialize(bytes));
        Assert.Contains("ascending", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_KllValueOutsideMinMax_ThrowsFormatException()
    {
        var bytes = GoldenSketches.ExactKll().Serialize();
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(bytes.Length - 8), 1e9);
        Assert.Throws<FormatException>(() => KllSketch.Deserialize(bytes));
    }

    [Fact]
    public void Deserialize_CategoryCountsNotSummingToCount_ThrowsFormatException()
    {
        var counts = new CategoryCounts();
        counts.Update("a", 3);
        var bytes = counts.Serialize();

        // Layout: tag, version, flags, cap (4), precision, count (LEB128) ...
        Assert.Equal(3, bytes[8]);
        bytes[8] = 4;
        var ex = Assert.Throws<FormatException>(() => CategoryCounts.Deserialize(bytes));
        Assert.Contains("sum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_CategoryCountsWithInvalidUtf8_ThrowsFormatException()
    {
        var counts = new CategoryCounts();
        counts.Update("ab", 1);
        var bytes = counts.Serialize();
        var index = bytes.AsSpan().IndexOf((byte)'a');
        bytes[index] = 0xFF;
        Assert.Throws<FormatException>(() => CategoryCounts.Deserialize(bytes));
    }

    [Fact]
    public void Deserialize_HyperLogLogRegisterTooLarge_ThrowsFormatException()
    {
        var bytes = GoldenSketches.DistinctItems().Serialize();
        bytes[10] = 64;
        Assert.Throws<FormatException>(() => HyperLogLog.Deserialize(bytes));
    }

    private static byte[] Serialize(string kind) => Serialize(Deserialize(kind, kind switch
    {
        "kll-exact" => GoldenSketches.ExactKll().Serialize(),
        "kll-approximate" => GoldenSketches.ApproximateKll().Serialize(),
        "moments" => GoldenSketches.Moments().Serialize(),
        "categories-exact" => GoldenSketches.ExactCategories().Serialize(),
        "categories-inexact" => GoldenSketches.InexactCategories().Serialize(),
        "hyperloglog" => GoldenSketches.DistinctItems().Serialize(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    }));

    private static object Deserialize(string kind, byte[] bytes) => kind switch
    {
        "kll-exact" or "kll-approximate" => KllSketch.Deserialize(bytes),
        "moments" => RunningMoments.Deserialize(bytes),
        "categories-exact" or "categories-inexact" => CategoryCounts.Deserialize(bytes),
        "hyperloglog" => HyperLogLog.Deserialize(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Serialize(object sketch) => sketch switch
    {
        KllSketch kll => kll.Serialize(),
        RunningMoments moments => moments.Serialize(),
        CategoryCounts counts => counts.Serialize(),
        HyperLogLog estimator => estimator.Serialize(),
        _ => throw new ArgumentOutOfRangeException(nameof(sketch)),
    };
}
