using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// One merge pass over two sorted views, evaluating both weighted empirical cdfs F (reference, total weight m) and
/// G (current, total weight n) at every distinct retained value: the Kolmogorov–Smirnov statistic sup |F − G| and the
/// Wasserstein-1 distance ∫ |F − G| dx (the cdfs are step functions, so the integral is a finite sum over the gaps between
/// consecutive distinct values).
/// </summary>
internal readonly struct EmpiricalComparison
{
    private EmpiricalComparison(double statistic, long statisticNumerator, double wasserstein, long referenceWeight, long currentWeight)
    {
        Statistic = statistic;
        StatisticNumerator = statisticNumerator;
        Wasserstein = wasserstein;
        ReferenceWeight = referenceWeight;
        CurrentWeight = currentWeight;
    }

    /// <summary>D = sup |F − G|.</summary>
    public double Statistic { get; }

    /// <summary>D · m · n as an exact integer (max |a n − b m| over the cumulative weights a, b); −1 when m or n exceeds int.MaxValue.</summary>
    public long StatisticNumerator { get; }

    /// <summary>∫ |F − G| dx.</summary>
    public double Wasserstein { get; }

    /// <summary>m, the reference view's total weight.</summary>
    public long ReferenceWeight { get; }

    /// <summary>n, the current view's total weight.</summary>
    public long CurrentWeight { get; }

    /// <summary>Compares two non-empty views.</summary>
    public static EmpiricalComparison Compare(QuantileSortedView reference, QuantileSortedView current)
    {
        var referenceValues = reference.Values;
        var referenceCumulative = reference.CumulativeWeights;
        var currentValues = current.Values;
        var currentCumulative = current.CumulativeWeights;
        var m = reference.TotalWeight;
        var n = current.TotalWeight;
        var exact = m <= int.MaxValue && n <= int.MaxValue;
        var inverseM = 1.0 / m;
        var inverseN = 1.0 / n;

        int i = 0, j = 0;
        long a = 0, b = 0, maxNumerator = 0;
        double maxDifference = 0, wasserstein = 0, difference = 0;
        var previous = Math.Min(referenceValues[0], currentValues[0]);
        while (i < referenceValues.Length || j < currentValues.Length)
        {
            // The next distinct value; an exhausted side reads as +∞, whose cdf step has already been taken.
            var fromReference = i < referenceValues.Length ? referenceValues[i] : double.PositiveInfinity;
            var fromCurrent = j < currentValues.Length ? currentValues[j] : double.PositiveInfinity;
            var x = fromReference < fromCurrent ? fromReference : fromCurrent;
            if (double.IsNaN(x) || double.IsNaN(fromReference) || double.IsNaN(fromCurrent))
            {
                throw new ArgumentException("Sorted views must not contain NaN.", nameof(reference));
            }

            wasserstein += difference * (x - previous);
            if (fromReference == x)
            {
                do
                {
                    i++;
                }
                while (i < referenceValues.Length && referenceValues[i] == x);
                a = referenceCumulative[i - 1];
            }

            if (fromCurrent == x)
            {
                do
                {
                    j++;
                }
                while (j < currentValues.Length && currentValues[j] == x);
                b = currentCumulative[j - 1];
            }

            difference = Math.Abs((a * inverseM) - (b * inverseN));
            if (exact)
            {
                var numerator = (a * n) - (b * m);
                maxNumerator = Math.Max(maxNumerator, numerator < 0 ? -numerator : numerator);
            }
            else
            {
                maxDifference = Math.Max(maxDifference, difference);
            }

            previous = x;
        }

        return exact
            ? new EmpiricalComparison(maxNumerator / ((double)m * n), maxNumerator, wasserstein, m, n)
            : new EmpiricalComparison(maxDifference, -1, wasserstein, m, n);
    }
}
