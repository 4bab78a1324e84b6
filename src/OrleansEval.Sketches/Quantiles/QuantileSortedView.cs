namespace OrleansEval.Sketches.Quantiles;

/// <summary>
/// Retained values of a quantile sketch in ascending order, each with the number of stream values it stands for.
/// For an exact sketch every weight is 1 (or the multiplicity of a repeated value) and the view is the sample itself.
/// </summary>
public sealed class QuantileSortedView
{
    private readonly double[] _values;
    private readonly long[] _cumulativeWeights;

    /// <summary>Builds a view from values already sorted ascending and their positive weights.</summary>
    public QuantileSortedView(double[] sortedValues, long[] weights)
    {
        ArgumentNullException.ThrowIfNull(sortedValues);
        ArgumentNullException.ThrowIfNull(weights);
        if (sortedValues.Length != weights.Length)
        {
            throw new ArgumentException("Values and weights must have the same length.", nameof(weights));
        }

        _values = sortedValues;
        _cumulativeWeights = new long[weights.Length];
        long total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
            {
                throw new ArgumentException("Every weight must be positive.", nameof(weights));
            }

            if (i > 0 && sortedValues[i] < sortedValues[i - 1])
            {
                throw new ArgumentException("Values must be sorted ascending.", nameof(sortedValues));
            }

            total = checked(total + weights[i]);
            _cumulativeWeights[i] = total;
        }

        TotalWeight = total;
    }

    /// <summary>An exact view of a sample: every value with weight 1.</summary>
    public static QuantileSortedView FromSample(ReadOnlySpan<double> sample)
    {
        var values = sample.ToArray();
        Array.Sort(values);
        var weights = new long[values.Length];
        Array.Fill(weights, 1L);
        return new QuantileSortedView(values, weights);
    }

    /// <summary>The retained values, ascending (repeats allowed).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Running totals of the weights: entry i is the weight of values 0..i.</summary>
    public ReadOnlySpan<long> CumulativeWeights => _cumulativeWeights;

    /// <summary>Sum of all weights: the number of stream values the view stands for.</summary>
    public long TotalWeight { get; }

    /// <summary>Number of retained values.</summary>
    public int Length => _values.Length;

    /// <summary>Weight of the values less than or equal to <paramref name="x"/>.</summary>
    public long WeightAtOrBelow(double x)
    {
        var index = UpperBound(x);
        return index == 0 ? 0 : _cumulativeWeights[index - 1];
    }

    /// <summary>Weight of the values strictly less than <paramref name="x"/>.</summary>
    public long WeightBelow(double x)
    {
        var index = LowerBound(x);
        return index == 0 ? 0 : _cumulativeWeights[index - 1];
    }

    // First index whose value is >= x.
    private int LowerBound(double x)
    {
        int lo = 0, hi = _values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_values[mid] < x)
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

    // First index whose value is > x.
    private int UpperBound(double x)
    {
        int lo = 0, hi = _values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_values[mid] <= x)
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
