using System.Numerics;
using Orleans.Serialization;
using OrleansEval.Actuals;
using OrleansEval.Grains.Tests.Ingest;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// A batch's registrations cross to their join shards as packed bytes (<see cref="PackedPredictionsCodec"/>) through
/// the Orleans serializer, as a message carries them: every column reads back bit for bit, the layout is pinned by
/// golden bytes, and damaged bytes fail the read instead of making rows.
/// </summary>
public sealed class PackedPredictionsTests
{
    // Two rows, written by layout 2: "p-1" in series v1/prod, bucket 3600, slices all and column:c = x, score 0.25,
    // predicted "1", actual "0"; "p-2" in v2/prod, bucket 7200, slice all, no score (NaN), no label, predicted value
    // −0, no actual. Each column of numbers starts with how it is written (0: eight bytes a value; two are too few
    // for decimals).
    private const string Golden =
        "40ED0202020276310470726F640276320470726F640203616C6C03616C6C08636F6C756D6E3A630178020131013003702D3103702D" +
        "3200A0380202A0380100020000000000000000D03F000000000000F8FF000100000000000000F8FF0000000000000080020300000000" +
        "000000F8FF000000000000F8FF";

    // The same rows written by layout 1, every column of numbers eight bytes a value with nothing before it.
    private const string FirstLayoutGolden =
        "40E70102020276310470726F640276320470726F640203616C6C03616C6C08636F6C756D6E3A630178020131013003702D3103702D" +
        "3200A0380202A03801000200000000000000D03F000000000000F8FF0001000000000000F8FF00000000000000800203000000000000" +
        "F8FF000000000000F8FF";

    // Sixteen rows "r0" to "r15" in series v1/prod, bucket 3600, slice all, score i / 16 (four decimals), predicted "1"
    // from 0.5 on, no predicted value, actual "1" on even rows; written by layout 2 with the scores' column in decimals
    // (1, its byte count, exponent 4), the predicted and actual values' columns all canonical NaN (1, a code 0 each).
    private const string DecimalGolden =
        "4002040210010276310470726F640103616C6C03616C6C020130013102723002723102723202723302723402723502723602723702723802" +
        "723903723130037231310372313203723133037231340372313500A038010000010000010000010000010000010000010000010000010000" +
        "01000001000001000001000001000001000001000000000000000000000000000000000124100401E309C513A71D8927EB30CD3AAF44914E" +
        "F357D561B76B9975FB7EDD8801BF920100000000000000000002020202020202020113100000000000000000000000000000000000000203" +
        "0203020302030203020302030203011310000000000000000000000000000000000000";

    private static readonly Serializer Serializer = WireSerializer.Instance;

    private static readonly SeriesId V1 = new("v1", "prod");
    private static readonly SeriesId V2 = new("v2", "prod");
    private static readonly SliceKey ColumnC = SliceKey.OfColumn("c", "x");

    [Fact]
    public void RoundTrip_ThroughTheSerializer_KeepsEveryColumnBitForBit()
    {
        var rows = new PendingPredictions();
        double[] scores = [0.25, double.NaN, -0.0, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0123), double.NegativeInfinity, double.Epsilon];
        for (var i = 0; i < scores.Length; i++)
        {
            SliceKey[] slices = i % 2 == 0 ? [SliceKey.Everything, ColumnC, SliceKey.OfColumn("d", $"m{i % 3}")] : [SliceKey.Everything];
            JoinActual? actual = (i % 3) switch { 0 => null, 1 => new JoinActual("0", double.NaN), _ => new JoinActual(null, 1e300 * i) };
            rows.Add($"id-{i}-é", i % 2 == 0 ? V1 : V2, (i - 3) * 3600L, slices, scores[i], i % 4 == 3 ? null : $"{i % 2}", -scores[i], actual);
        }

        rows.AddSlice(1, ColumnC);

        var read = RoundTrip(rows);

        AssertSameRows(rows, read);
    }

    [Fact]
    public void RoundTrip_OfEnoughRowsForDecimals_KeepsEveryColumnBitForBit()
    {
        var rows = new PendingPredictions();
        double[] odd = [-0.0, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0123), double.NegativeInfinity, double.Epsilon, Math.PI];
        for (var i = 0; i < 48; i++)
        {
            var score = i % 8 == 5 ? odd[i / 8] : Math.Round(i / 48.0, 3);
            JoinActual? actual = (i % 3) switch { 0 => null, 1 => new JoinActual("0", double.NaN), _ => new JoinActual(null, i % 6 == 2 ? odd[i % odd.Length] : i * 0.5) };
            rows.Add($"id-{i}", i % 2 == 0 ? V1 : V2, i * 3600L, [SliceKey.Everything], score, i % 4 == 3 ? null : $"{i % 2}", i % 5 == 0 ? odd[i % odd.Length] : i * 1.25, actual);
        }

        var bytes = Serializer.SerializeToArray(new PackedPredictions(rows));

        AssertSameRows(rows, Serializer.Deserialize<PackedPredictions>(bytes)!.Rows);
        // The three columns of numbers in decimals: 48 × 24 bytes as eight bytes a value.
        Assert.True(bytes.Length < 48 * 24, $"{bytes.Length} bytes");
    }

    [Fact]
    public void Serialize_SixteenRows_WritesTheDecimalColumnsGoldenBytes()
    {
        var hex = Convert.ToHexString(Serializer.SerializeToArray(new PackedPredictions(SixteenRows())));

        Assert.True(hex == DecimalGolden, hex);
    }

    [Fact]
    public void Deserialize_TheDecimalColumnsGoldenBytes_ReadsEveryRow()
    {
        var read = Serializer.Deserialize<PackedPredictions>(Convert.FromHexString(DecimalGolden))!.Rows;

        AssertSameRows(SixteenRows(), read);
    }

    [Fact]
    public void RoundTrip_OfNoRows_ReadsNoRows()
    {
        Assert.Equal(0, RoundTrip(new PendingPredictions()).Count);
    }

    [Fact]
    public void Serialize_TwoRows_WritesTheGoldenBytes()
    {
        var bytes = Serializer.SerializeToArray(new PackedPredictions(TwoRows()));

        Assert.Equal(Golden, Convert.ToHexString(bytes));
    }

    [Fact]
    public void Deserialize_TheGoldenBytes_ReadsBothRows()
    {
        var read = Serializer.Deserialize<PackedPredictions>(Convert.FromHexString(Golden))!.Rows;

        AssertSameRows(TwoRows(), read);
        Assert.Equal("p-2", read.PredictionId(1));
        Assert.Equal(V2, read.Series(1));
        Assert.Null(read.Predicted(1));
    }

    [Fact]
    public void Deserialize_TheFirstLayoutsGoldenBytes_ReadsBothRows()
    {
        var read = Serializer.Deserialize<PackedPredictions>(Convert.FromHexString(FirstLayoutGolden))!.Rows;

        AssertSameRows(TwoRows(), read);
    }

    [Fact]
    public void Deserialize_AColumnOfNumbersWrittenAnUnknownWay_FailsNamingIt()
    {
        var bytes = Serializer.SerializeToArray(new PackedPredictions(TwoRows()));

        // The scores' column starts with how it is written: 7 is no way known.
        SlicesThenScores(bytes)[3] = 7;

        AssertReadFails(bytes, "way 7");
    }

    [Fact]
    public void RoundTrip_OfAThousandRows_WritesAndAllocatesLessThanTheFieldPerValueForm()
    {
        var rows = new PendingPredictions();
        for (var i = 0; i < 1000; i++)
        {
            SliceKey[] slices = [SliceKey.Everything, SliceKey.OfColumn("a", $"{i % 10}"), SliceKey.OfColumn("b", $"{i % 7}"), SliceKey.OfColumn("c", $"{i % 5}")];
            rows.Add($"prediction-{i:D8}", V1, 1_767_225_600L, slices, i * 0.001, $"{i % 2}", double.NaN, i % 2 == 0 ? new JoinActual("1", double.NaN) : null);
        }

        var packed = Serializer.SerializeToArray(new PackedPredictions(rows)).Length;
        var fieldPerValue = Serializer.SerializeToArray(rows).Length;
        var packedAllocated = RoundTripAllocations(() => Serializer.Deserialize<PackedPredictions>(Serializer.SerializeToArray(new PackedPredictions(rows)))!);
        var fieldAllocated = RoundTripAllocations(() => Serializer.Deserialize<PendingPredictions>(Serializer.SerializeToArray(rows))!);

        // Measured: 53,276 against 71,561 bytes (the ids are most of both), 193,888 against 346,520 bytes allocated.
        var measured = $"packed {packed:N0} bytes and {packedAllocated:N0} allocated, a field a value {fieldPerValue:N0} and {fieldAllocated:N0}";
        Assert.True(packed < fieldPerValue * 0.8, measured);
        // The bound allows one buffer of the packed bytes' pooled size: in the full suite's run the shared pool handed
        // none back for the read's rented copy (259,400 = 193,888 + 65,512 bytes), which is the pool's state, not the
        // codec's cost.
        var pooledBuffer = (long)BitOperations.RoundUpToPowerOf2((uint)packed) + 64;
        Assert.True(packedAllocated < (fieldAllocated * 0.65) + pooledBuffer, measured);
    }

    [Fact]
    public void Deserialize_CutBytes_FailsInsteadOfMakingRows()
    {
        var bytes = Serializer.SerializeToArray(new PackedPredictions(TwoRows()));
        var (start, length) = PackedBytes(bytes);

        // The same field, its length lowered by one and its last byte dropped: the last actual value ends early.
        var cut = bytes[..(start + length - 1)].Concat(bytes[(start + length)..]).ToArray();
        cut[start - 1] = (byte)(((length - 1) << 1) | 1);

        AssertReadFails(cut, "end early");
    }

    [Fact]
    public void Deserialize_ASliceNumberOutsideTheTable_FailsNamingIt()
    {
        var bytes = Serializer.SerializeToArray(new PackedPredictions(TwoRows()));

        // The second slice number becomes 3 (6 zigzagged).
        SlicesThenScores(bytes)[1] = 6;

        AssertReadFails(bytes, "slice number 3");
    }

    [Fact]
    public void Deserialize_AnUnknownLayout_FailsNamingIt()
    {
        var bytes = Serializer.SerializeToArray(new PackedPredictions(TwoRows()));
        var (start, _) = PackedBytes(bytes);
        bytes[start] = 9;

        AssertReadFails(bytes, "layout 9");
    }

    // The fewest bytes one round trip allocates, over a few after the serializer's own buffers and caches are made, on
    // a thread of its own, so no earlier test's state of the thread is counted.
    private static long RoundTripAllocations(Func<object> roundTrip)
    {
        var fewest = long.MaxValue;
        var thread = new Thread(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                roundTrip();
            }

            for (var i = 0; i < 5; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                GC.KeepAlive(roundTrip());
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "the round trips did not end within 60 s");
        return fewest;
    }

    private static PendingPredictions TwoRows()
    {
        var rows = new PendingPredictions();
        rows.Add("p-1", V1, 3600, [SliceKey.Everything, ColumnC], 0.25, "1", double.NaN, new JoinActual("0", double.NaN));
        rows.Add("p-2", V2, 7200, [SliceKey.Everything], double.NaN, null, -0.0, null);
        return rows;
    }

    private static PendingPredictions SixteenRows()
    {
        var rows = new PendingPredictions();
        for (var i = 0; i < 16; i++)
        {
            rows.Add($"r{i}", V1, 3600, [SliceKey.Everything], i / 16.0, i >= 8 ? "1" : "0", double.NaN, i % 2 == 0 ? new JoinActual("1", double.NaN) : null);
        }

        return rows;
    }

    private static void AssertReadFails(byte[] bytes, string naming)
    {
        var error = Assert.Throws<InvalidDataException>(() => Serializer.Deserialize<PackedPredictions>(bytes));
        Assert.Contains(naming, error.Message, StringComparison.Ordinal);
    }

    private static PendingPredictions RoundTrip(PendingPredictions rows) =>
        Serializer.Deserialize<PackedPredictions>(Serializer.SerializeToArray(new PackedPredictions(rows)))!.Rows;

    // Where the packed bytes of the two rows start (after their one-byte length) and how many there are: layout 2, two
    // rows, two series, the first "v1".
    private static (int Start, int Length) PackedBytes(byte[] bytes)
    {
        ReadOnlySpan<byte> head = [2, 2, 2, 2, (byte)'v', (byte)'1'];
        var start = bytes.AsSpan().IndexOf(head);
        Assert.True(start > 1, Convert.ToHexString(bytes));
        return (start, bytes[start - 1] >> 1);
    }

    // The two rows' slice numbers (0, 1, 0, zigzagged as 0, 2, 0), which follow the third row column, then the scores'
    // column: how it is written (0, eight bytes a value) and the first score, 0.25.
    private static Span<byte> SlicesThenScores(byte[] bytes)
    {
        var (start, length) = PackedBytes(bytes);
        var packed = bytes.AsSpan(start, length);
        ReadOnlySpan<byte> slicesThenScores = [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0xD0, 0x3F];
        var at = packed.IndexOf(slicesThenScores);
        Assert.True(at > 0, Convert.ToHexString(bytes));
        return packed[at..];
    }

    private static void AssertSameRows(PendingPredictions expected, PendingPredictions actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected.PredictionId(i), actual.PredictionId(i));
            Assert.Equal(expected.Series(i), actual.Series(i));
            Assert.Equal(expected.BucketStart(i), actual.BucketStart(i));
            Assert.Equal(expected.Slices(i), actual.Slices(i));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Score(i)), BitConverter.DoubleToInt64Bits(actual.Score(i)));
            Assert.Equal(expected.Predicted(i), actual.Predicted(i));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.PredictedValue(i)), BitConverter.DoubleToInt64Bits(actual.PredictedValue(i)));
            Assert.Equal(expected.Actual(i)?.Label, actual.Actual(i)?.Label);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Actual(i)?.Value ?? 0), BitConverter.DoubleToInt64Bits(actual.Actual(i)?.Value ?? 0));
            Assert.Equal(expected.Actual(i) is null, actual.Actual(i) is null);
        }
    }
}
