using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Performance;

/// <summary>
/// A deletable DDSketch (Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable quantile sketch with
/// relative-error guarantees", VLDB 2019) over non-negative values: a value x &gt; 0 is counted in bucket
/// i = ⌈log_γ x⌉, which covers (γ^(i−1), γ^i], with γ = (1 + α)/(1 − α); zeros are counted apart. Every value in a bucket
/// is within relative error α of the bucket's representative 2γ^i/(γ + 1), so a quantile estimate q̂ of a true order
/// statistic q satisfies |q̂ − q| ≤ α·q.
/// </summary>
/// <remarks>
/// Buckets are never collapsed, so the guarantee holds for every quantile and deleting a value is decrementing its bucket:
/// the sketch is a function of the multiset of values. Values spanning a factor R take about ln R/(2α) buckets (460
/// per decade for α = 0.005). The bucket index uses <see cref="PortableMath.Log"/>, so it is the same on every machine
/// and a value removed elsewhere leaves the bucket it entered.
/// </remarks>
internal sealed class RelativeErrorSketch
{
    /// <summary>Relative accuracy α of every quantile.</summary>
    public const double RelativeAccuracy = 0.005;

    private const double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);

    private static readonly double LogGamma = PortableMath.Log(Gamma);

    /// <summary>The bucket of the smallest positive double.</summary>
    public static readonly int MinIndex = IndexOf(double.Epsilon);

    /// <summary>The bucket of the largest double.</summary>
    public static readonly int MaxIndex = IndexOf(double.MaxValue);

    private readonly CountTable<int> _buckets = new();
    private long _zeroCount;

    public long Count => _zeroCount + _buckets.Total;

    public static int IndexOf(double value) => (int)Math.Ceiling(PortableMath.Log(value) / LogGamma);

    /// <summary>2γ^i/(γ + 1), the point of bucket i whose relative distance to either edge is α.</summary>
    public static double Representative(int index) =>
        Math.Min(Math.Exp((index * LogGamma) + Math.Log(2 / (Gamma + 1))), double.MaxValue);

    public void Add(double value, long count)
    {
        if (value == 0)
        {
            _zeroCount = checked(_zeroCount + count);
        }
        else
        {
            _buckets.Add(IndexOf(value), count);
        }
    }

    /// <summary>Removes one occurrence of <paramref name="value"/>'s bucket; false, and no change, when the bucket is empty.</summary>
    public bool TryRemove(double value)
    {
        if (value == 0)
        {
            if (_zeroCount == 0)
            {
                return false;
            }

            _zeroCount--;
            return true;
        }

        return _buckets.TryRemoveOne(IndexOf(value));
    }

    public void Merge(RelativeErrorSketch other)
    {
        _zeroCount = checked(_zeroCount + other._zeroCount);
        _buckets.AddAll(other._buckets);
    }

    public void CopyFrom(RelativeErrorSketch other)
    {
        _zeroCount = other._zeroCount;
        _buckets.CopyFrom(other._buckets);
    }

    /// <summary>
    /// The estimates of the order statistics of 0-based ranks <paramref name="lower"/> ≤ <paramref name="upper"/> (less
    /// than <see cref="Count"/>), from one ordered pass over the buckets.
    /// </summary>
    public (double Lower, double Upper) ValuesAtRanks(long lower, long upper)
    {
        var (keys, counts) = _buckets.ToSorted();
        var lowerValue = 0.0;
        var seen = _zeroCount;
        if (upper < seen)
        {
            return (0, 0);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            var before = seen;
            seen += counts[i];
            if (lower >= before && lower < seen)
            {
                lowerValue = Representative(keys[i]);
            }

            if (upper < seen)
            {
                return (lowerValue, Representative(keys[i]));
            }
        }

        throw new ArgumentOutOfRangeException(nameof(upper), upper, "The rank must be less than the count.");
    }

    /// <summary>Zero count, number of buckets (varints), then each bucket ascending as index (int32) and count (varint).</summary>
    public void Write(SketchWriter writer)
    {
        writer.WriteVarCount(_zeroCount);
        writer.WriteVarUInt64((ulong)_buckets.Size);
        var (keys, counts) = _buckets.ToSorted();
        for (var i = 0; i < keys.Length; i++)
        {
            writer.WriteInt32(keys[i]);
            writer.WriteVarCount(counts[i]);
        }
    }

    public static RelativeErrorSketch Read(ref SketchReader reader)
    {
        var sketch = new RelativeErrorSketch { _zeroCount = reader.ReadVarCount() };
        var size = reader.ReadVarLength(reader.Remaining / 5, "a bucket count");
        var previous = int.MinValue;
        for (var i = 0; i < size; i++)
        {
            var index = reader.ReadInt32();
            var count = reader.ReadVarCount();
            if (index < MinIndex || index > MaxIndex || index <= previous)
            {
                throw reader.Corrupt("the buckets are out of range or not strictly ascending");
            }

            if (count == 0 || count > long.MaxValue - sketch.Count)
            {
                throw reader.Corrupt("a bucket count is zero or the total overflows");
            }

            sketch._buckets.Add(index, count);
            previous = index;
        }

        return sketch;
    }
}
