using System.Collections.Immutable;
using Orleans.Serialization;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// Numbers are written as decimal integers when most of a column's values are short decimals — what the ingest log,
/// the column grains' calls and the stored performance state carry — and read back bit for bit, whatever the column
/// holds; columns written before, eight bytes a value, still read back.
/// </summary>
public sealed class DecimalNumbersTests
{
    // Sixteen short decimals and a missing value, written by the codec before the decimal layout: eight bytes each.
    private const string RawLayout =
        "4002020000000000002840000000000000E03FF6285C8FC2D54640000000000000F8FF00000000000008400000000000001DC00000000000005940FCA9F1D24D62503F0000000000409F40000000000000F83F000000000000000000000000000045407B14AE47E1FA234000000000000032400000000000508440000000000000C03F";

    private static readonly double[] RawLayoutValues = [12, 0.5, 45.67, double.NaN, 3, -7.25, 100, 0.001, 2000, 1.5, 0, 42, 9.99, 18, 650, 0.125];

    // The same values but π for the last, in the decimal layout: the byte count (50, not a multiple of eight), layout 1,
    // then 16 values at exponent 3 (12 as 12,000: C1BB01), the canonical NaN as code 0, and π as the one exception
    // (its gap 15, eight bytes).
    private const string DecimalLayout =
        "4065011003C1BB01E907CDC90500F12EA471C19A0C038192F401B91701A190058D9C01A19902A1AC4F00010F182D4454FB210940";

    private static readonly double[] DecimalLayoutValues = [.. RawLayoutValues[..^1], Math.PI];

    private static readonly Serializer Serializer = WireSerializer.Instance;

    [Fact]
    public void Deserialize_NumbersOfTheRawLayout_ReadsEveryValue()
    {
        var read = Serializer.Deserialize<PackedNumbers>(Convert.FromHexString(RawLayout))!;

        Assert.Equal(Bits(RawLayoutValues), Bits(read.Values));
    }

    [Fact]
    public void Serialize_ShortDecimalsWithAMissingValueAndAnException_WritesTheDecimalLayoutsGoldenBytes()
    {
        var hex = Convert.ToHexString(Serializer.SerializeToArray(new PackedNumbers([.. DecimalLayoutValues])));

        Assert.True(hex == DecimalLayout, hex);
    }

    [Fact]
    public void Deserialize_TheDecimalLayoutsGoldenBytes_ReadsEveryValue()
    {
        var read = Serializer.Deserialize<PackedNumbers>(Convert.FromHexString(DecimalLayout))!;

        Assert.Equal(Bits(DecimalLayoutValues), Bits(read.Values));
    }

    [Fact]
    public void RoundTrip_OfShortDecimals_TakesAboutTwoBytesAValue()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 1000).Select(i => (i % 4) switch
        {
            0 => Math.Floor(random.NextDouble() * 2000),                  // whole days
            1 => Math.Round(Math.Exp(3.8 + random.NextDouble()), 2),     // prices
            2 => Math.Round(random.NextDouble() * 0.5, 3),               // rates
            _ => i % 40 == 3 ? double.NaN : Math.Round(random.NextDouble() * 100, 1),
        }).ToArray();

        var bytes = Serializer.SerializeToArray(new PackedNumbers([.. values]));
        var read = Serializer.Deserialize<PackedNumbers>(bytes)!;

        Assert.Equal(Bits(values), Bits(read.Values));
        // Eight bytes a value in the raw layout: 8,000 and a few.
        Assert.InRange(bytes.Length, 1_000, 3_000);
    }

    [Fact]
    public void RoundTrip_OfValuesNoDecimalFits_IsRawAndBitForBit()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 1000).Select(_ => Math.Exp(10.8 + (0.6 * random.NextDouble()))).ToArray();

        var bytes = Serializer.SerializeToArray(new PackedNumbers([.. values]));
        var read = Serializer.Deserialize<PackedNumbers>(bytes)!;

        Assert.Equal(Bits(values), Bits(read.Values));
        Assert.InRange(bytes.Length, 8_000, 8_100);
    }

    [Fact]
    public void RoundTrip_OfShortDecimalsWithEveryKindOfException_KeepsEachBitForBit()
    {
        double[] odd = [-0.0, double.PositiveInfinity, double.NegativeInfinity, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0123),
            -double.NaN, Math.PI, double.Epsilon, 1e300, -9_007_199_254_740_993d, 0.1 + 0.2, double.MaxValue];
        var values = Enumerable.Range(0, 20 * odd.Length).Select(i => i % 20 == 7 ? odd[i / 20] : (i - 100) * 0.25).ToArray();

        var bytes = Serializer.SerializeToArray(new PackedNumbers([.. values]));
        var read = Serializer.Deserialize<PackedNumbers>(bytes)!;

        Assert.Equal(Bits(values), Bits(read.Values));
        // Quarters need two decimals, but every second value (halves and wholes) needs fewer: all 220 at two bytes, and
        // the 11 exceptions at nine, where the raw layout takes 1,760.
        Assert.InRange(bytes.Length, 440, 600);
    }

    [Fact]
    public void RoundTrip_OfDecimalsOfEveryExponentAndSign_KeepsEachBitForBit()
    {
        var random = new Random(3);
        for (var column = 0; column < 400; column++)
        {
            var exponent = column % (DecimalNumbers.MaxExponent + 3);
            var scale = Math.Pow(10, random.Next(1, 12));
            var values = Enumerable.Range(0, 64)
                .Select(_ => double.Parse($"{(random.NextDouble() - 0.5) * scale:F0}e-{exponent}", System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();

            var bytes = Serializer.SerializeToArray(new PackedNumbers([.. values]));
            var read = Serializer.Deserialize<PackedNumbers>(bytes)!;

            Assert.Equal(Bits(values), Bits(read.Values));
            // Up to nine decimals take the decimal layout (under eight bytes a value, even at eleven digits); ten or eleven
            // are full precision to it, eight bytes each.
            Assert.Equal(exponent <= DecimalNumbers.MaxExponent, bytes.Length < values.Length * sizeof(double));
        }
    }

    [Fact]
    public void Write_OfFewValues_StaysRaw()
    {
        var bytes = Serializer.SerializeToArray(new PackedNumbers([1.5, 2.5, 3]));

        Assert.Equal([1.5, 2.5, 3], Serializer.Deserialize<PackedNumbers>(bytes)!.Values.ToArray());
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(BitConverter.GetBytes(2.5)));
    }

    [Fact]
    public void Read_OfCutOrDamagedDecimalBytes_FailsNamingThem()
    {
        var buffer = new PackedBuffer();
        Assert.True(DecimalNumbers.TryWrite(Enumerable.Range(0, 32).Select(i => i * 0.5).Append(Math.PI).ToArray(), buffer));
        var written = buffer.Written.ToArray();
        buffer.Clear();

        Assert.Throws<InvalidDataException>(() => DecimalNumbers.Read(written.AsSpan(0, written.Length - 3)));
        Assert.Throws<InvalidDataException>(() => DecimalNumbers.Read([.. written, 0]));
        var exponent = (byte[])written.Clone();
        exponent[1] = DecimalNumbers.MaxExponent + 1;
        Assert.Contains("exponent", Assert.Throws<InvalidDataException>(() => DecimalNumbers.Read(exponent)).Message, StringComparison.Ordinal);
        // The exception's gap (33 values, one exception: its gap is the byte before its eight) pointed past the end.
        var gap = (byte[])written.Clone();
        gap[^9] = 40;
        Assert.Throws<InvalidDataException>(() => DecimalNumbers.Read(gap));
    }

    [Fact]
    public void Read_IntoAColumnOfAnotherLength_FailsNamingBoth()
    {
        var buffer = new PackedBuffer();
        Assert.True(DecimalNumbers.TryWrite(Enumerable.Range(0, 20).Select(i => i * 0.5).ToArray(), buffer));
        var written = buffer.Written.ToArray();
        buffer.Clear();
        var into = new double[20];

        DecimalNumbers.Read(written, into);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 0.5), into);
        var error = Assert.Throws<InvalidDataException>(() => DecimalNumbers.Read(written, new double[19]));
        Assert.Contains("20 values where 19 were expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnChunk_OfShortDecimals_CrossesInTheDecimalLayout()
    {
        var values = Enumerable.Range(0, 1000).Select(i => Math.Round(i * 0.37, 2)).ToImmutableArray();
        var chunk = new ColumnChunk("b-8", [.. Enumerable.Repeat(1_767_225_600L, 1000)], values, [], []);

        var bytes = Serializer.SerializeToArray(chunk);
        var read = Serializer.Deserialize<ColumnChunk>(bytes)!;

        Assert.Equal(Bits(values), Bits(read.Numbers));
        Assert.InRange(bytes.Length, 1_000, 3_100);
    }

    private static long[] Bits(IEnumerable<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
