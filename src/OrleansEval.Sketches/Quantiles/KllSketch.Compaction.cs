using System.Numerics;

namespace OrleansEval.Sketches.Quantiles;

/// <content>Compaction: the capacity schedule, the lazy compaction loop and the deterministic coin.</content>
public sealed partial class KllSketch
{
    private void LeaveExactMode()
    {
        _isExact = false;
        Compress();
        TrimLevel0();
    }

    // Compacts until fewer values are retained than the levels' summed capacity. Some level is at or over its capacity
    // whenever the total is, so the loop always finds one.
    private void Compress()
    {
        while (_retained >= _totalCapacity)
        {
            var h = 0;
            while (_sizes[h] < _capacities[h])
            {
                h++;
            }

            CompactLevel(h);
        }
    }

    // Sorts level h (levels above 0 are kept sorted), promotes every other item of its largest even-sized prefix to level
    // h + 1 and keeps the odd item out, the largest, at level h. Weight is conserved: 2m items of weight 2^h become m
    // items of weight 2^(h+1).
    private void CompactLevel(int h)
    {
        if (h == _levelCount - 1)
        {
            AddLevel();
        }

        var items = _levels[h];
        var size = _sizes[h];
        if (h == 0)
        {
            Array.Sort(items, 0, size);
        }

        var even = size & ~1;
        var offset = Coin(h, items[0], items[even - 1], even);
        MergeIntoLevel(h + 1, items, offset, 2, even / 2);
        if (size != even)
        {
            items[0] = items[size - 1];
        }

        _sizes[h] = size - even;
        _retained -= even; // the merge above added even / 2
        _compactionVariance += Math.ScaleB(1.0, 2 * h);
    }

    // Merges the ascending items src[start], src[start + stride], ... into the ascending level h, from the back so that no
    // scratch buffer is needed. Keeping upper levels sorted this way is cheaper than sorting them at each compaction.
    private void MergeIntoLevel(int h, double[] src, int start, int stride, int count)
    {
        var size = _sizes[h];
        var total = checked(size + count);
        var target = _levels[h].Length < total ? GrowLevel(h, total) : _levels[h];
        var i = size - 1;
        var j = count - 1;
        for (var write = total - 1; j >= 0; write--)
        {
            var candidate = src[start + (j * stride)];
            if (i >= 0 && target[i] > candidate)
            {
                target[write] = target[i--];
            }
            else
            {
                target[write] = candidate;
                j--;
            }
        }

        _sizes[h] = total;
        _retained += count;
    }

    private void AppendToLevel0(double[] src, int count)
    {
        var size = _sizes[0];
        var total = checked(size + count);
        var target = _levels[0].Length < total ? GrowLevel(0, total) : _levels[0];
        Array.Copy(src, 0, target, size, count);
        _sizes[0] = total;
        _retained += count;
    }

    private void AddLevel()
    {
        if (_levelCount == MaxLevels)
        {
            throw new InvalidOperationException("The sketch cannot hold more levels; its count would overflow.");
        }

        _levels[_levelCount] ??= new double[32];
        _levelCount++;
        RecomputeCapacities();
    }

    private double[] GrowLevel(int h, int required)
    {
        var current = _levels[h];
        var grown = new double[Math.Max(required, Math.Max(16, current.Length * 2))];
        Array.Copy(current, grown, _sizes[h]);
        _levels[h] = grown;
        return grown;
    }

    // After a large exact buffer has been compacted, gives back the memory it no longer needs.
    private void TrimLevel0()
    {
        var keep = Math.Max(_sizes[0], _totalCapacity);
        if (_levels[0].Length > 2 * keep)
        {
            _levels[0] = _levels[0].AsSpan(0, keep).ToArray();
        }
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
