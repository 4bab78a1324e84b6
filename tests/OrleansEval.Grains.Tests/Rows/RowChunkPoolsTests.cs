using OrleansEval.Grains.Rows;

namespace OrleansEval.Grains.Tests.Rows;

/// <summary>
/// The row grain's chunk pools keep idle what the last intervals needed, not what the busiest interval of the process
/// needed: the pools they replace kept up to 4,096 idle chunks a type for good, so after a series passed its day's row
/// cap (a few rows an interval instead of tens of thousands) they held the first hour's chunks — tens of megabytes in
/// gen 2 — for the rest of the run.
/// </summary>
public sealed class RowChunkPoolsTests
{
    [Fact]
    public void Trim_AfterABusyInterval_KeepsItsChunksForTheNext()
    {
        var pools = new RowChunkPools();
        var busy = Interval(pools, batches: 30);
        var lent = pools.Lent;

        busy.Dispose();
        pools.Trim();

        Assert.True(lent > 30 * 25 / 2, $"{lent} chunks lent for 30,000 rows");
        Assert.Equal(0, pools.Lent);
        Assert.Equal(lent, pools.Idle);
    }

    [Fact]
    public void Trim_AfterQuietIntervalsFollowABusyOne_LetsTheBusyIntervalsChunksGo()
    {
        var pools = new RowChunkPools();
        using (Interval(pools, batches: 30))
        {
        }

        pools.Trim();
        var busyIdle = pools.IdleBytes;
        var quietLent = 0;
        for (var i = 0; i < ChunkPool<long>.Window; i++)
        {
            using (Interval(pools, batches: 1))
            {
                quietLent = pools.Lent;
            }

            pools.Trim();
        }

        // After a window of quiet intervals only a quiet interval's chunks are idle: the 30,000 rows' 8 MB are gone.
        Assert.Equal(quietLent, pools.Idle);
        Assert.True(pools.IdleBytes * 10 < busyIdle, $"{pools.IdleBytes} bytes idle after quiet intervals, {busyIdle} after the busy one");
    }

    [Fact]
    public void TrimEvery_CalledByEachRowGrainsFlush_EndsOneIntervalPerInterval()
    {
        var pools = new RowChunkPools();
        var interval = TimeSpan.FromSeconds(5);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using (Interval(pools, batches: 30))
        {
        }

        var busy = pools.Idle;
        pools.TrimEvery(interval, now);

        // Forty row grains flush one after the other within the next interval: the busy interval's chunks stay.
        for (var grain = 0; grain < 40; grain++)
        {
            pools.TrimEvery(interval, now + TimeSpan.FromMilliseconds(100 * (grain + 1)));
        }

        Assert.Equal(busy, pools.Idle);

        // A window of quiet intervals later they are gone.
        for (var i = 1; i <= ChunkPool<long>.Window; i++)
        {
            pools.TrimEvery(interval, now + (interval * i));
        }

        Assert.Equal(0, pools.Idle);
    }

    [Fact]
    public void Rent_AfterTrim_LendsTheArraysKeptInsteadOfNewOnes()
    {
        var pool = new ChunkPool<double>(PendingRows.ChunkRows);
        var first = Enumerable.Range(0, 50).Select(_ => pool.Rent()).ToList();
        first.ForEach(pool.Return);
        pool.Trim();

        var second = Enumerable.Range(0, 50).Select(_ => pool.Rent()).ToList();

        Assert.Equal(first.ToHashSet(ReferenceEqualityComparer.Instance), second.ToHashSet(ReferenceEqualityComparer.Instance));
        Assert.Equal(50, pool.Lent);
        Assert.Equal(0, pool.Idle);
    }

    [Fact]
    public void Trim_KeepsTheLargestPeakOfTheWindow_LessWhatIsLent()
    {
        var pool = new ChunkPool<int>(16);
        Lend(pool, 40);
        pool.Trim();
        Lend(pool, 10);
        pool.Trim();
        Assert.Equal(40, pool.Idle);

        var held = pool.Rent();
        pool.Trim();
        Lend(pool, 5);
        pool.Trim();
        Assert.Equal(39, pool.Idle);

        pool.Trim();
        Assert.Equal(10, pool.Idle + pool.Lent);
        pool.Return(held);
        Assert.Throws<ArgumentException>(() => pool.Return(new int[8]));
    }

    // Rents and gives back count arrays at once.
    private static void Lend<T>(ChunkPool<T> pool, int count)
    {
        var arrays = Enumerable.Range(0, count).Select(_ => pool.Rent()).ToList();
        arrays.ForEach(pool.Return);
    }

    // One interval's rows of a series: batches of 1,000 records of 20 features, kept in chunks from the pools.
    private static PendingRows Interval(RowChunkPools pools, int batches)
    {
        var pending = new PendingRows(pools);
        RowPartLargeObjectTests.Keep(pending, RowPartLargeObjectTests.Batches(batches, 1_000, new Random(batches)), slots: long.MaxValue);
        return pending;
    }
}
