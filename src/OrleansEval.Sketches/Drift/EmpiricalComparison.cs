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
        double maxDifference = 0, wasserstein = 0, previous = 0, difference = 0;
        var started = false;
        while (i < referenceValues.Length || j < currentValues.Length)
        {
            var x = j >= currentValues.Length || (i < referenceValues.Length && referenceValues[i] <= currentValues[j])
                ? referenceValues[i]
                : currentValues[j];
            if (double.IsNaN(x))
            {
                throw new ArgumentException("Sorted views must not contain NaN.", nameof(reference));
            }

            if (started)
            {
                wasserstein += difference * (x - previous);
            }

            while (i < referenceValues.Length && referenceValues[i] == x)
            {
                i++;
            }

            while (j < currentValues.Length && currentValues[j] == x)
            {
                j++;
            }

            a = i == 0 ? 0 : referenceCumulative[i - 1];
            b = j == 0 ? 0 : currentCumulative[j - 1];
            difference = Math.Abs((a * inverseM) - (b * inverseN));
            if (exact)
            {
                maxNumerator = Math.Max(maxNumerator, Math.Abs((a * n) - (b * m)));
            }
            else
            {
                maxDifference = Math.Max(maxDifference, difference);
            }

            previous = x;
            started = true;
        }

        return exact
            ? new EmpiricalComparison(maxNumerator / ((double)m * n), maxNumerator, wasserstein, m, n)
            : new EmpiricalComparison(maxDifference, -1, wasserstein, m, n);
    }
}
