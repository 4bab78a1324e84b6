using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Performance;

/// <summary>
/// The distribution of absolute errors behind the median absolute error: an exact map |e| → count while at most
/// <see cref="Cap"/> distinct values are held, then, for good, a <see cref="RelativeErrorSketch"/> of relative accuracy
/// α = 0.005. Both support exact deletion, and both are functions of the multiset of values (plus whether the cap was
/// ever exceeded), so merging is associative and commutative.
/// </summary>
internal sealed class AbsoluteErrorDistribution
{
    private CountTable<double>? _exact = new();
    private RelativeErrorSketch? _sketch;

    public AbsoluteErrorDistribution(int cap) => Cap = cap;

    public int Cap { get; }

    public bool IsExact => _sketch is null;

    public long Count => _exact?.Total ?? _sketch!.Count;

    /// <summary>Distinct values held exactly; 0 once sketched.</summary>
    public int DistinctValues => _exact?.Size ?? 0;

    public void Add(double value)
    {
        if (_exact is { } exact)
        {
            exact.Add(value, 1);
            if (exact.Size > Cap)
            {
                BecomeSketch();
            }
        }
        else
        {
            _sketch!.Add(value, 1);
        }
    }

    /// <summary>Removes one occurrence; false, and no change, when it is not held.</summary>
    public bool TryRemove(double value)
    {
        if (_exact is { } exact)
        {
            return exact.TryRemoveOne(value);
        }

        return _sketch!.TryRemove(value);
    }

    public void Merge(AbsoluteErrorDistribution other)
    {
        if (_exact is { } exact && other._exact is { } otherExact)
        {
            exact.AddAll(otherExact);
            if (exact.Size > Cap)
            {
                BecomeSketch();
            }

            return;
        }

        if (_exact is not null)
        {
            BecomeSketch();
        }

        if (other._exact is { } theirs)
        {
            AddTo(_sketch!, theirs);
        }
        else
        {
            _sketch!.Merge(other._sketch!);
        }
    }

    public void CopyFrom(AbsoluteErrorDistribution other)
    {
        if (other._exact is { } theirs)
        {
            _sketch = null;
            (_exact ??= new CountTable<double>()).CopyFrom(theirs);
        }
        else
        {
            _exact = null;
            (_sketch ??= new RelativeErrorSketch()).CopyFrom(other._sketch!);
        }
    }

    /// <summary>
    /// The median as numpy defines it (the mean of the two middle order statistics when the count is even); exact while
    /// exact, else within relative error α. The count must be positive.
    /// </summary>
    public double Median()
    {
        var n = Count;
        var (lower, upper) = _sketch is { } sketch ? sketch.ValuesAtRanks((n - 1) / 2, n / 2) : ExactValuesAtRanks((n - 1) / 2, n / 2);
        return lower == upper ? lower : (lower + upper) / 2;
    }

    /// <summary>Writes the flag-dependent body: the exact entries, or the sketch.</summary>
    public void Write(SketchWriter writer)
    {
        if (_exact is { } exact)
        {
            writer.WriteVarUInt64((ulong)exact.Size);
            var (keys, counts) = exact.ToSorted();
            for (var i = 0; i < keys.Length; i++)
            {
                writer.WriteDouble(keys[i]);
                writer.WriteVarCount(counts[i]);
            }
        }
        else
        {
            _sketch!.Write(writer);
        }
    }

    public static AbsoluteErrorDistribution Read(ref SketchReader reader, int cap, bool isExact)
    {
        var distribution = new AbsoluteErrorDistribution(cap);
        if (!isExact)
        {
            distribution._exact = null;
            distribution._sketch = RelativeErrorSketch.Read(ref reader);
            return distribution;
        }

        var exact = distribution._exact!;
        var size = reader.ReadVarLength(Math.Min(cap, reader.Remaining / 9), "a number of distinct errors");
        var previous = -1.0;
        for (var i = 0; i < size; i++)
        {
            var value = reader.ReadDouble();
            var count = reader.ReadVarCount();
            if (!(value > previous) || !double.IsFinite(value) || BitConverter.DoubleToInt64Bits(value) == long.MinValue)
            {
                throw reader.Corrupt("the absolute errors are not finite, non-negative and strictly ascending");
            }

            if (count == 0 || count > long.MaxValue - exact.Total)
            {
                throw reader.Corrupt("an error count is zero or the total overflows");
            }

            exact.Add(value, count);
            previous = value;
        }

        return distribution;
    }

    private static void AddTo(RelativeErrorSketch sketch, CountTable<double> values)
    {
        foreach (var (value, count) in values)
        {
            sketch.Add(value, count);
        }
    }

    private (double Lower, double Upper) ExactValuesAtRanks(long lower, long upper)
    {
        var (keys, counts) = _exact!.ToSorted();
        var lowerValue = 0.0;
        long seen = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var before = seen;
            seen += counts[i];
            if (lower >= before && lower < seen)
            {
                lowerValue = keys[i];
            }

            if (upper < seen)
            {
                return (lowerValue, keys[i]);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(upper), upper, "The rank must be less than the count.");
    }

    private void BecomeSketch()
    {
        var sketch = new RelativeErrorSketch();
        AddTo(sketch, _exact!);
        _exact = null;
        _sketch = sketch;
    }
}
