using MathNet.Numerics;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Pearson chi-square test of homogeneity, <c>chiSquare</c>, on the 2 × K contingency table whose rows are the reference
/// and current bin counts. Bins empty on both sides are dropped first, leaving K' columns; the expected count of a cell is
/// row total × column total / grand total, the statistic is Σ (O − E)² / E and dof = K' − 1. When dof = 1 Yates'
/// continuity correction is applied: each |O − E| is reduced by 0.5, but not below 0. The p-value is the chi-square
/// survival function P(χ²(dof) ≥ statistic), evaluated as the regularised upper incomplete gamma Q(dof / 2, statistic / 2)
/// so that tiny p-values keep their relative precision. Undefined (null) when fewer than two non-empty bins remain or
/// either side has no weight. The decision score is the p-value: lower means more drift.
/// </summary>
public sealed class ChiSquareTest : IDriftMeasure
{
    private ChiSquareTest()
    {
    }

    /// <summary>The single instance, which carries the measure's name, default threshold and direction.</summary>
    public static ChiSquareTest Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "chiSquare";

    /// <summary>A p-value of 0.05.</summary>
    public double DefaultThreshold => 0.05;

    /// <summary>The decision score is the p-value, so lower means more drift.</summary>
    public DriftDirection Direction => DriftDirection.LowerMeansDrift;

    /// <inheritdoc />
    public bool IsAtMostOne => true;

    /// <inheritdoc />
    public DriftMeasureInput Input => DriftMeasureInput.Bins;

    /// <summary>The test with Yates' correction when dof = 1: statistic, pValue and dof; the decision score is the p-value.</summary>
    public DriftMeasureResult Measure(DriftInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Compute(inputs.ReferenceCounts.Span, inputs.CurrentCounts.Span) is { } result
            ? DriftMeasureResult.Test(
                Name,
                result.PValue,
                DriftMeasureDetail.Of("statistic", result.Statistic),
                DriftMeasureDetail.Of("pValue", result.PValue),
                DriftMeasureDetail.Of("dof", result.DegreesOfFreedom))
            : DriftMeasureResult.Undefined(Name);
    }

    /// <summary>The test with Yates' continuity correction when dof = 1; null when undefined.</summary>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, infinite or NaN.</exception>
    public static ChiSquareResult? Compute(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts) =>
        Compute(referenceCounts, currentCounts, continuityCorrection: true);

    /// <summary>The test without any continuity correction, whatever the degrees of freedom; null when undefined.</summary>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, infinite or NaN.</exception>
    public static ChiSquareResult? ComputeWithoutContinuityCorrection(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts) =>
        Compute(referenceCounts, currentCounts, continuityCorrection: false);

    /// <summary>P(χ²(<paramref name="degreesOfFreedom"/>) ≥ <paramref name="statistic"/>).</summary>
    public static double SurvivalFunction(double statistic, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return statistic <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(0.5 * degreesOfFreedom, 0.5 * statistic);
    }

    private static ChiSquareResult? Compute(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts, bool continuityCorrection)
    {
        if (!BinnedCounts.TryGetTotals(referenceCounts, currentCounts, out var referenceTotal, out var currentTotal))
        {
            return null;
        }

        var columns = 0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            if (referenceCounts[i] + currentCounts[i] > 0)
            {
                columns++;
            }
        }

        if (columns < 2)
        {
            return null;
        }

        var dof = columns - 1;
        var correction = continuityCorrection && dof == 1 ? 0.5 : 0.0;
        var grandTotal = referenceTotal + currentTotal;
        var statistic = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            var columnTotal = referenceCounts[i] + currentCounts[i];
            if (columnTotal == 0)
            {
                continue;
            }

            statistic += Term(referenceCounts[i], referenceTotal * columnTotal / grandTotal, correction);
            statistic += Term(currentCounts[i], currentTotal * columnTotal / grandTotal, correction);
        }

        return new ChiSquareResult(statistic, SurvivalFunction(statistic, dof), dof);
    }

    private static double Term(double observed, double expected, double correction)
    {
        var deviation = Math.Max(Math.Abs(observed - expected) - correction, 0);
        return deviation * deviation / expected;
    }
}
