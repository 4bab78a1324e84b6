using System.Buffers.Binary;
using OrleansEval.Sketches.Performance;
using OrleansEval.Sketches.Serialization;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Performance;

public class PerformanceCorruptInputTests
{
    public static TheoryData<string> Kinds => PerformanceStateKinds.All;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_RoundTrip_GivesSameBytes(string kind)
    {
        var bytes = PerformanceStateKinds.Serialize(kind);
        Assert.Equal(bytes, PerformanceStateKinds.Reserialize(kind, bytes));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_EveryTruncation_ThrowsFormatException(string kind) =>
        CorruptBytes.EveryTruncationThrows(PerformanceStateKinds.Serialize(kind), bytes => PerformanceStateKinds.Reserialize(kind, bytes));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_TrailingByte_ThrowsFormatException(string kind) =>
        CorruptBytes.TrailingByteThrows(PerformanceStateKinds.Serialize(kind), bytes => PerformanceStateKinds.Reserialize(kind, bytes));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_AnotherTypesTag_ThrowsFormatException(string kind) =>
        CorruptBytes.AnotherTagThrows(PerformanceStateKinds.Serialize(kind), bytes => PerformanceStateKinds.Reserialize(kind, bytes), SketchKind.BinaryPerformance, SketchKind.RegressionPerformance);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_UnknownVersion_ThrowsFormatException(string kind) =>
        CorruptBytes.UnknownVersionThrows(PerformanceStateKinds.Serialize(kind), bytes => PerformanceStateKinds.Reserialize(kind, bytes));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_RandomlyCorruptedBytes_ThrowsNothingButFormatException(string kind)
    {
        var rejected = CorruptBytes.RandomCorruption(PerformanceStateKinds.Serialize(kind), bytes => PerformanceStateKinds.Reserialize(kind, bytes), 99);

        Assert.True(rejected > 0, "No corruption was detected at all.");
    }

    [Fact]
    public void Deserialize_BinaryScoreCountsDisagreeingWithBins_ThrowsFormatException()
    {
        var state = new BinaryPerformanceState();
        state.Add(0.25, false, false);
        var bytes = state.Serialize();

        // The last byte is the count of the only negative score.
        bytes[^1] = 2;
        var ex = Assert.Throws<FormatException>(() => BinaryPerformanceState.Deserialize(bytes));
        Assert.Contains("disagree", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_RegressionCountDisagreeingWithErrors_ThrowsFormatException()
    {
        var state = new RegressionPerformanceState();
        state.Add(1, 2);
        var bytes = state.Serialize();

        // Layout: tag, version, flags, cap (4), count (LEB128) ...
        Assert.Equal(1, bytes[7]);
        bytes[7] = 2;
        Assert.Throws<FormatException>(() => RegressionPerformanceState.Deserialize(bytes));
    }

    [Fact]
    public void Deserialize_BinaryScoreOutsideUnitInterval_ThrowsFormatException()
    {
        var state = new BinaryPerformanceState();
        state.Add(0.25, false, false);
        var bytes = state.Serialize();

        // The negative class's only entry: its score (8 bytes) and count (1 byte) end the data.
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(bytes.Length - 9), 1.5);
        Assert.Throws<FormatException>(() => BinaryPerformanceState.Deserialize(bytes));
    }

    [Fact]
    public void Deserialize_MulticlassLabelWithoutRows_ThrowsFormatException()
    {
        var state = new MulticlassPerformanceState();
        state.Add("a", "a");
        var bytes = state.Serialize();

        // Layout: tag, version, label count 1, "a" (length 1 + 1 byte), cell count 1, cell (0, 0, 1). Declare a second
        // label "b" and keep the one cell.
        Assert.Equal([0x11, 1, 1, 1, (byte)'a', 1, 0, 0, 1], bytes);
        byte[] corrupt = [0x11, 1, 2, 1, (byte)'a', 1, (byte)'b', 1, 0, 0, 1];
        var ex = Assert.Throws<FormatException>(() => MulticlassPerformanceState.Deserialize(corrupt));
        Assert.Contains("no row", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MulticlassLabelsOutOfOrder_ThrowsFormatException()
    {
        byte[] corrupt = [0x11, 1, 2, 1, (byte)'b', 1, (byte)'a', 2, 0, 0, 1, 1, 1, 1];
        var ex = Assert.Throws<FormatException>(() => MulticlassPerformanceState.Deserialize(corrupt));
        Assert.Contains("ascending", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadExactSum_NonCanonicalForms_ThrowFormatException()
    {
        // One limb of zero; and a positive limb followed by a redundant zero sign extension.
        foreach (var body in new byte[][] { [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [2, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] })
        {
            byte[] bytes = [(byte)SketchKind.RegressionPerformance, 1, .. body];
            Assert.Throws<FormatException>(() =>
            {
                var reader = SketchReader.Open(bytes, SketchKind.RegressionPerformance, 1, "test");
                ExactSum.Read(ref reader, "a sum");
            });
        }
    }
}
