using OrleansEval.Grains.Features;
using Xunit.Abstractions;

namespace OrleansEval.Grains.Tests.Features;

/// <summary>
/// What a hot numeric bucket keeps reachable once its sketch has left exact mode: the growth of the live heap while
/// many filled buckets are held, divided by their number. The heap is the process's, so the least of three measurements
/// is kept: a silo of an earlier test still winding down can only add to one, while a bucket that holds its sketch's
/// peak arrays (20-50 KB) exceeds the budget in every one.
/// </summary>
[Collection(MemoryMeasurementGroup.Name)]
public sealed class NumericBucketFootprintTests(ITestOutputHelper output)
{
    private const int BucketBudgetBytes = 8 * 1024;
    private const int Buckets = 300;

    [Theory]
    [InlineData(10_000)]
    [InlineData(30_000)]
    public void LiveBucket_PastExactMode_HoldsAtMostEightKilobytes(int values)
    {
        var perBucket = Enumerable.Range(0, 3).Min(_ => Measure(values));
        output.WriteLine($"{values:N0} values: {perBucket:N0} bytes per live bucket");

        Assert.InRange(perBucket, 0, BucketBudgetBytes);
    }

    private static double Measure(int values)
    {
        var held = new NumericBucket[Buckets];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < held.Length; i++)
        {
            held[i] = NumericBucketSizeTests.Filled(values);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.All(held, b => Assert.False(b.Sketch.IsExact));
        return (after - before) / (double)Buckets;
    }
}
