namespace OrleansEval.Sketches.Drift;

/// <summary>Shared validation and totals for the measures over bin counts.</summary>
internal static class BinnedCounts
{
    /// <summary>The proportion that stands in for an empty bin where a logarithm needs a positive value.</summary>
    public const double ZeroProportionReplacement = 1e-4;

    /// <summary>
    /// Checks that both vectors have the same length and hold finite non-negative counts, and returns their totals.
    /// False when either total is zero: every binned measure is then undefined.
    /// </summary>
    public static bool TryGetTotals(
        ReadOnlySpan<double> referenceCounts,
        ReadOnlySpan<double> currentCounts,
        out double referenceTotal,
        out double currentTotal)
    {
        if (referenceCounts.Length != currentCounts.Length)
        {
            throw new ArgumentException(
                $"The current counts have {currentCounts.Length} bins but the reference counts have {referenceCounts.Length}.",
                nameof(currentCounts));
        }

        double r = 0, c = 0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            var x = referenceCounts[i];
            var y = currentCounts[i];
            if (!(x >= 0 && x < double.PositiveInfinity))
            {
                throw new ArgumentOutOfRangeException(nameof(referenceCounts), x, $"Count {i} must be finite and non-negative.");
            }

            if (!(y >= 0 && y < double.PositiveInfinity))
            {
                throw new ArgumentOutOfRangeException(nameof(currentCounts), y, $"Count {i} must be finite and non-negative.");
            }

            r += x;
            c += y;
        }

        referenceTotal = r;
        currentTotal = c;
        return r > 0 && c > 0;
    }

    /// <summary>The proportion <paramref name="count"/> / <paramref name="total"/>, with exactly 0 replaced by 1e-4.</summary>
    public static double ReplacedProportion(double count, double total)
    {
        var p = count / total;
        return p == 0 ? ZeroProportionReplacement : p;
    }
}
