using OrleansEval.Sketches.Categories;

namespace OrleansEval.Sketches.Tests.Categories;

public class HyperLogLogTests
{
    [Theory]
    [InlineData(12, 100_000)]
    [InlineData(12, 1_000_000)]
    [InlineData(14, 100_000)]
    public void Estimate_ManyDistinct_WithinThreeStandardErrors(int precision, int distinct)
    {
        var estimator = new HyperLogLog(precision);
        for (var i = 0; i < distinct; i++)
        {
            estimator.Add($"id:{i}");
        }

        var relativeError = Math.Abs(estimator.Estimate() - distinct) / distinct;

        Assert.InRange(relativeError, 0, 3 * estimator.StandardError);
        Assert.InRange(relativeError, 0, 0.05);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(1000)]
    public void Estimate_SmallCardinality_UsesLinearCountingAndIsNearlyExact(int distinct)
    {
        var estimator = new HyperLogLog();
        for (var repeat = 0; repeat < 3; repeat++)
        {
            for (var i = 0; i < distinct; i++)
            {
                estimator.Add($"v{i}");
            }
        }

        Assert.InRange(estimator.Estimate(), distinct * 0.98, (distinct * 1.02) + 0.5);
        Assert.Equal(distinct == 0, estimator.IsEmpty);
    }

    [Fact]
    public void Merge_OfOverlappingSets_EstimatesTheUnion()
    {
        var (a, b, union) = (new HyperLogLog(), new HyperLogLog(), new HyperLogLog());
        for (var i = 0; i < 60_000; i++)
        {
            a.Add($"k{i}");
            union.Add($"k{i}");
        }

        for (var i = 40_000; i < 100_000; i++)
        {
            b.Add($"k{i}");
            union.Add($"k{i}");
        }

        var merged = a.Clone();
        merged.Merge(b);
        var reversed = b.Clone();
        reversed.Merge(a);

        Assert.Equal(union.Registers.ToArray(), merged.Registers.ToArray());
        Assert.Equal(union.Registers.ToArray(), reversed.Registers.ToArray());
        merged.Merge(a);
        Assert.Equal(union.Registers.ToArray(), merged.Registers.ToArray());
    }

    [Fact]
    public void ReducePrecision_EqualsEstimatorBuiltAtLowerPrecision()
    {
        var (high, low) = (new HyperLogLog(14), new HyperLogLog(9));
        for (var i = 0; i < 50_000; i++)
        {
            high.Add($"x{i}");
            low.Add($"x{i}");
        }

        Assert.Equal(low.Registers.ToArray(), high.ReducePrecision(9).Registers.ToArray());
    }

    [Fact]
    public void Merge_DifferentPrecisions_TakesTheLowerOne()
    {
        var (high, low, expected) = (new HyperLogLog(12), new HyperLogLog(10), new HyperLogLog(10));
        for (var i = 0; i < 5000; i++)
        {
            high.Add($"h{i}");
            low.Add($"l{i}");
            expected.Add($"h{i}");
            expected.Add($"l{i}");
        }

        high.Merge(low);

        Assert.Equal(10, high.Precision);
        Assert.Equal(expected.Registers.ToArray(), high.Registers.ToArray());
    }

    [Fact]
    public void Serialize_RoundTrip_PreservesRegisters()
    {
        var estimator = new HyperLogLog(6);
        for (var i = 0; i < 500; i++)
        {
            estimator.Add($"r{i}");
        }

        var bytes = estimator.Serialize();
        var restored = HyperLogLog.Deserialize(bytes);

        Assert.Equal(3 + 64, bytes.Length);
        Assert.Equal(estimator.Registers.ToArray(), restored.Registers.ToArray());
        Assert.Equal(estimator.Estimate(), restored.Estimate());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(19)]
    public void Constructor_PrecisionOutOfRange_Throws(int precision) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HyperLogLog(precision));
}
