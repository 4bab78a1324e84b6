namespace OrleansEval.Sketches.Quantiles;

public sealed partial class KllSketch
{
    /// <summary>
    /// Estimated fraction of the values strictly below <paramref name="value"/>; exact while <see cref="IsExact"/>.
    /// <see cref="double.NaN"/> when the sketch is empty.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN.</exception>
    public double Rank(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The rank of NaN is undefined.");
        }

        return _count == 0 ? double.NaN : (double)WeightBelow(value) / _count;
    }

    /// <summary>
    /// The smallest retained value whose inclusive normalised rank reaches <paramref name="rank"/>; rank 0 gives
    /// <see cref="MinValue"/> and rank 1 <see cref="MaxValue"/>, which are tracked exactly. <see cref="double.NaN"/> when empty.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is outside 0..1.</exception>
    public double Quantile(double rank)
    {
        if (!(rank is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, "The rank must lie between 0 and 1.");
        }

        if (_count == 0)
        {
            return double.NaN;
        }

        if (rank == 0)
        {
            return _min;
        }

        if (rank == 1)
        {
            return _max;
        }

        var view = GetSortedView();
        var cumulative = view.CumulativeWeights;
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if ((double)cumulative[mid] / _count < rank)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return view.Values[lo];
    }

    /// <summary>
    /// Estimated count in each left-closed bin cut by <paramref name="splitPoints"/>:
    /// (-inf, s0), [s0, s1), ..., [s(k-1), +inf). Exact while <see cref="IsExact"/>. Every entry is a whole number and the
    /// entries sum to <see cref="Count"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The split points are not finite and strictly ascending.</exception>
    public double[] BinCounts(ReadOnlySpan<double> splitPoints)
    {
        for (var i = 0; i < splitPoints.Length; i++)
        {
            if (!double.IsFinite(splitPoints[i]) || (i > 0 && splitPoints[i] <= splitPoints[i - 1]))
            {
                throw new ArgumentException(
                    $"Split points must be finite and strictly ascending; split point {i} is not.", nameof(splitPoints));
            }
        }

        var counts = new long[splitPoints.Length + 1];
        for (var h = 0; h < _levelCount; h++)
        {
            var weight = 1L << h;
            foreach (var item in Level(h))
            {
                counts[BinOf(splitPoints, item)] += weight;
            }
        }

        var result = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            result[i] = counts[i];
        }

        return result;
    }

    /// <summary>
    /// The retained values in ascending order, equal values combined, each weighted by 2^level; for an exact sketch this is
    /// the sample itself with the multiplicity of each value.
    /// </summary>
    public QuantileSortedView GetSortedView()
    {
        var values = _items.AsSpan(_starts[0], _retained).ToArray();
        var weights = new long[_retained];
        var n = _retained;
        for (var h = 0; h < _levelCount; h++)
        {
            weights.AsSpan(_starts[h] - _starts[0], Size(h)).Fill(1L << h);
        }

        Array.Sort(values, weights);

        var distinct = 0;
        for (var i = 0; i < n; i++)
        {
            if (distinct > 0 && values[i] == values[distinct - 1])
            {
                weights[distinct - 1] += weights[i];
            }
            else
            {
                values[distinct] = values[i];
                weights[distinct] = weights[i];
                distinct++;
            }
        }

        if (distinct < n)
        {
            Array.Resize(ref values, distinct);
            Array.Resize(ref weights, distinct);
        }

        return new QuantileSortedView(values, weights);
    }

    // Total weight of the retained values strictly below x.
    private long WeightBelow(double x)
    {
        long below = 0;
        foreach (var item in Level(0))
        {
            if (item < x)
            {
                below++;
            }
        }

        for (var h = 1; h < _levelCount; h++)
        {
            below += (long)LowerBound(Level(h), x) << h;
        }

        return below;
    }

    // First index of an ascending span whose value is >= x.
    private static int LowerBound(ReadOnlySpan<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // Number of split points at or below the value: the index of its left-closed bin.
    private static int BinOf(ReadOnlySpan<double> splitPoints, double value)
    {
        int lo = 0, hi = splitPoints.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (splitPoints[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
