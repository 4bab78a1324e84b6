using Xunit.Abstractions;

namespace OrleansEval.Grains.Tests.Features;

/// <summary>
/// What a hot numeric bucket keeps reachable once its sketch has left exact mode, counted over its object graph (see
/// <see cref="ReachableBytes"/>). A sketch that holds each level at the size of its peak (20-50 KB) exceeds the budget.
/// </summary>
public sealed class NumericBucketFootprintTests(ITestOutputHelper output)
{
    private const int BucketBudgetBytes = 8 * 1024;

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void LiveBucket_PastExactMode_HoldsAtMostEightKilobytes(int values)
    {
        var bucket = NumericBucketSizeTests.Filled(values);

        var bytes = ReachableBytes.Of(bucket);
        output.WriteLine($"{values:N0} values: {bytes:N0} bytes reachable from the live bucket");

        Assert.False(bucket.Sketch.IsExact);
        Assert.InRange(bytes, 0, BucketBudgetBytes);
    }

    [Fact]
    public void ReachableBytes_OfAnArrayOfDoubles_IsItsHeaderAndItsValues()
    {
        Assert.Equal(24 + (8 * 1_000), ReachableBytes.Of(new double[1_000]));
    }
}
