using System.Numerics;

namespace OrleansEval.Sketches.Quantiles;

/// <content>Compaction: the capacity schedule, the lazy compaction loop and the deterministic coin.</content>
public sealed partial class KllSketch
{
    private void LeaveExactMode()
    {
        _isExact = false;
        Compress();
        TrimToCapacity();
    }

    // Compacts until fewer values are retained than the levels' summed capacity. Some level is at or over its capacity
    // whenever the total is, so the loop always finds one.
    private void Compress()
    {
        while (_retained >= _totalCapacity)
        {
            var h = 0;
            while (Size(h) < _capacities[h])
            {
                h++;
            }

            CompactLevel(h);
        }
    }

    // Sorts level h (levels above 0 are kept sorted), promotes every other item of its largest even-sized prefix to level
    // h + 1 and keeps the odd item out, the largest, at level h. Weight is conserved: 2m items of weight 2^h become m
    // items of weight 2^(h+1). In the buffer, level h + 1 grows down into the room level h gave up, the kept item goes
    // just below it, and the levels under h move up by the m slots freed.
    private void CompactLevel(int h)
    {
        if (h == _levelCount - 1)
        {
            AddLevel();
        }

        var start = _starts[h];
        var end = _starts[h + 1];
        var size = end - start;
        if (h == 0)
        {
            Array.Sort(_items, start, size);
        }

        var even = size & ~1;
        var half = even / 2;
        var offset = Coin(h, _items[start], _items[start + even - 1], even);
        var largest = _items[end - 1];
        for (var i = 0; i < half; i++)
        {
            _items[start + i] = _items[start + offset + (2 * i)];
        }

        MergeUp(start, half, end, _starts[h + 2] - end, end - half);
        var kept = end - half - (size - even);
        if (size != even)
        {
            _items[kept] = largest;
        }

        var shift = kept - start;
        Array.Copy(_items, _starts[0], _items, _starts[0] + shift, start - _starts[0]);
        for (var j = 0; j <= h; j++)
        {
            _starts[j] += shift;
        }

        _starts[h + 1] = end - half;
        _retained -= half;
        _compactionVariance += Math.ScaleB(1.0, 2 * h);
    }

    // Merges the ascending promoted items at [promoted, promoted + promotedCount) with the ascending level at
    // [level, level + levelCount) into [target, level + levelCount), front to back. It needs no scratch buffer because
    // the promoted items lie wholly below target and target + written never passes the next unread item of the level.
    private void MergeUp(int promoted, int promotedCount, int level, int levelCount, int target)
    {
        int i = 0, j = 0, write = target;
        while (i < promotedCount && j < levelCount)
        {
            var candidate = _items[promoted + i];
            var resident = _items[level + j];
            if (candidate < resident)
            {
                _items[write++] = candidate;
                i++;
            }
            else
            {
                _items[write++] = resident;
                j++;
            }
        }

        while (i < promotedCount)
        {
            _items[write++] = _items[promoted + i++];
        }
    }

    // Lays this sketch's levels and other's side by side in a new buffer: level 0 the two unsorted runs, each level above
    // the merge of two ascending runs. Compress then brings the total back under the capacity.
    private void MergeLevels(KllSketch other)
    {
        var retained = checked(_retained + other._retained);
        var items = new double[Math.Max(retained, _totalCapacity)];
        var write = items.Length;
        for (var h = _levelCount - 1; h >= 0; h--)
        {
            var mine = Level(h);
            var theirs = h < other._levelCount ? other.Level(h) : ReadOnlySpan<double>.Empty;
            write -= mine.Length + theirs.Length;
            _starts[h + 1] = write + mine.Length + theirs.Length;
            if (h == 0)
            {
                mine.CopyTo(items.AsSpan(write));
                theirs.CopyTo(items.AsSpan(write + mine.Length));
            }
            else
            {
                MergeSorted(mine, theirs, items.AsSpan(write, mine.Length + theirs.Length));
            }
        }

        _starts[0] = write;
        _items = items;
        _retained = retained;
    }

    private static void MergeSorted(ReadOnlySpan<double> left, ReadOnlySpan<double> right, Span<double> target)
    {
        int i = 0, j = 0;
        for (var write = 0; write < target.Length; write++)
        {
            target[write] = j >= right.Length || (i < left.Length && left[i] <= right[j]) ? left[i++] : right[j++];
        }
    }

    private void AppendToLevel0(ReadOnlySpan<double> values)
    {
        if (_starts[0] < values.Length)
        {
            Grow(values.Length);
        }

        _starts[0] -= values.Length;
        values.CopyTo(_items.AsSpan(_starts[0]));
        _retained += values.Length;
    }

    private void AddLevel()
    {
        if (_levelCount == MaxLevels)
        {
            throw new InvalidOperationException("The sketch cannot hold more levels; its count would overflow.");
        }

        _levelCount++;
        _starts[_levelCount] = _items.Length;
        RecomputeCapacities();
    }

    // Makes room for at least `needed` more values at the front. While exact the buffer doubles, up to one more value
    // than the exact capacity (the value that ends exact mode); after that it holds the levels' summed capacity, which
    // grows only when a level is added.
    private void Grow(int needed)
    {
        var required = checked(_retained + needed);
        var length = _isExact
            ? Math.Max(required, Math.Min(Math.Max(16, _items.Length * 2), ExactCapacity + 1))
            : Math.Max(required, _totalCapacity);
        Resize(length);
    }

    // After a compaction or a merge, gives back what the levels no longer need: the buffer keeps their summed capacity.
    private void TrimToCapacity()
    {
        if (_items.Length > Math.Max(_retained, _totalCapacity))
        {
            Resize(Math.Max(_retained, _totalCapacity));
        }
    }

    private void Resize(int length)
    {
        var items = new double[length];
        var shift = length - _items.Length;
        Array.Copy(_items, _starts[0], items, _starts[0] + shift, _retained);
        for (var h = 0; h <= _levelCount; h++)
        {
            _starts[h] += shift;
        }

        _items = items;
    }

    private int Size(int h) => _starts[h + 1] - _starts[h];

    private ReadOnlySpan<double> Level(int h) => _items.AsSpan(_starts[h], Size(h));

    private static int SummedCapacity(int k, int levelCount)
    {
        var total = 0;
        for (var depth = 0; depth < levelCount; depth++)
        {
            total += LevelCapacity(k, depth);
        }

        return total;
    }

    private void RecomputeCapacities()
    {
        var total = 0;
        for (var h = 0; h < _levelCount; h++)
        {
            _capacities[h] = LevelCapacity(K, _levelCount - 1 - h);
            total += _capacities[h];
        }

        _totalCapacity = total;
    }

    /// <summary>Capacity of the compactor <paramref name="depth"/> levels below the top: max(8, even ⌈k·(2/3)^depth⌉).</summary>
    internal static int LevelCapacity(int k, int depth)
    {
        if (depth >= PowersOfThree.Length)
        {
            return MinimumLevelWidth;
        }

        var numerator = (long)k << depth;
        var denominator = PowersOfThree[depth];
        var capacity = (numerator + denominator - 1) / denominator;
        capacity += capacity & 1;
        return (int)Math.Max(MinimumLevelWidth, capacity);
    }

    // 0 or 1: the top bit of SplitMix64's first output, seeded with a mix of the count, the level and the block being
    // compacted — reproducible, and different for different data, so sketches of different streams do not share a coin
    // sequence.
    private int Coin(int level, double first, double last, int blockSize)
    {
        unchecked
        {
            var z = (ulong)_count;
            z ^= (ulong)level * 0x9E3779B97F4A7C15UL;
            z ^= BitOperations.RotateLeft((ulong)BitConverter.DoubleToInt64Bits(first), 21);
            z ^= BitOperations.RotateLeft((ulong)BitConverter.DoubleToInt64Bits(last), 43);
            z ^= (ulong)blockSize << 32;
            return (int)(new SplitMix64(z).NextUInt64() >> 63);
        }
    }
}
