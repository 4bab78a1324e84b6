using System.Numerics;
using OrleansEval.Sketches.Performance;
using OrleansEval.Sketches.Serialization;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Performance;

public class ExactSumTests
{
    [Fact]
    public void Add_CancellingMagnitudes_KeepsTheSmallTerm()
    {
        var sum = new ExactSum();
        sum.Add(1e300);
        sum.Add(1);
        sum.Add(double.Epsilon);
        sum.Add(-1e300);

        Assert.Equal(1, sum.ToDouble());
        sum.Subtract(1);
        Assert.Equal(double.Epsilon, sum.ToDouble());
    }

    [Fact]
    public void ToBigInteger_RandomTerms_EqualsTheIntegerSumOfTheTerms()
    {
        var random = new DeterministicRandom(2);
        var sum = new ExactSum();
        var reference = BigInteger.Zero;
        for (var i = 0; i < 5000; i++)
        {
            var value = Math.ScaleB(random.NextDouble() - 0.5, random.NextInt(400) - 200);
            sum.Add(value);
            reference += Units(value);
        }

        Assert.Equal(reference, sum.ToBigInteger());

        // Correctly rounded: no neighbouring double is nearer to the exact sum.
        var rounded = sum.ToDouble();
        var distance = BigInteger.Abs(reference - Units(rounded));
        Assert.True(distance <= BigInteger.Abs(reference - Units(Math.BitIncrement(rounded))));
        Assert.True(distance <= BigInteger.Abs(reference - Units(Math.BitDecrement(rounded))));
    }

    [Fact]
    public void Subtract_EveryAddedTerm_ReturnsToZeroInAnyOrder()
    {
        var random = new DeterministicRandom(3);
        var values = Enumerable.Range(0, 2000).Select(_ => Math.ScaleB(random.NextDouble() - 0.3, random.NextInt(2000) - 1000)).ToArray();
        var sum = new ExactSum();
        foreach (var value in values)
        {
            sum.Add(value);
        }

        foreach (var value in values.Skip(1000).Reverse().Concat(values.Take(1000)))
        {
            sum.Subtract(value);
        }

        Assert.True(sum.IsZero);
    }

    [Fact]
    public void WriteAndRead_NegativePositiveAndZero_RoundTripCanonically()
    {
        foreach (var terms in new[] { new[] { -3.5 }, [1e-300, 1e300], [], [-1e-320], [double.MaxValue, double.MaxValue], [-1.0, 0.5] })
        {
            var sum = new ExactSum();
            foreach (var term in terms)
            {
                sum.Add(term);
            }

            var writer = new SketchWriter(SketchKind.RegressionPerformance, 1);
            sum.Write(writer);
            var bytes = writer.ToArray();
            var reader = SketchReader.Open(bytes, SketchKind.RegressionPerformance, 1, "test");
            var read = ExactSum.Read(ref reader, "a sum");
            reader.EnsureEnd();

            Assert.True(sum.ValueEquals(read));
            Assert.Equal(sum.ToDouble(), read.ToDouble());
        }
    }

    /// <summary>The value as an integer number of 2^-1074 units, from its decomposition.</summary>
    private static BigInteger Units(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var significand = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent != 0)
        {
            significand |= 1L << 52;
        }

        var units = new BigInteger(significand) << Math.Max(exponent - 1, 0);
        return value < 0 ? -units : units;
    }
}
