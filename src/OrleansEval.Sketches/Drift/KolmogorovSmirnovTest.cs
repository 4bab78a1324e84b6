using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Two-sample Kolmogorov–Smirnov test, <c>ks</c>. The statistic is D = sup_x |F(x) − G(x)| for the weighted empirical
/// cdfs of the two views (F(x) = weight at or below x / total weight), evaluated at every retained value of both; exact
/// when both views are exact samples, and within the sketches' rank error otherwise. The two-sided p-value is exact
/// (<see cref="TwoSampleKolmogorovDistribution.ExactSurvival"/>) when the larger total weight is at most
/// <see cref="AutoExactLimit"/>, else asymptotic (<see cref="TwoSampleKolmogorovDistribution.AsymptoticSurvival"/>); the
/// views' total weights serve as m and n. Undefined (null) when either view is empty. The decision score is the p-value:
/// lower means more drift.
/// </summary>
public sealed class KolmogorovSmirnovTest : IDriftMeasure
{
    /// <summary>The largest sample size for which <see cref="KolmogorovSmirnovMethod.Auto"/> chooses the exact p-value.</summary>
    public const int AutoExactLimit = 10_000;

    private KolmogorovSmirnovTest()
    {
    }

    /// <summary>The single instance, which carries the measure's name, default threshold and direction.</summary>
    public static KolmogorovSmirnovTest Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "ks";

    /// <summary>A p-value of 0.05.</summary>
    public double DefaultThreshold => 0.05;

    /// <summary>The decision score is the p-value, so lower means more drift.</summary>
    public DriftDirection Direction => DriftDirection.LowerMeansDrift;

    /// <inheritdoc />
    public bool IsAtMostOne => true;

    /// <inheritdoc />
    public DriftMeasureInput Input => DriftMeasureInput.Samples;

    /// <summary>
    /// The test with the inputs' KS options: statistic, pValue, method ("exact" or "asymptotic") and approximate (either
    /// view from a compacted sketch); the decision score is the p-value.
    /// </summary>
    public DriftMeasureResult Measure(DriftInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!inputs.HasSamples)
        {
            return DriftMeasureResult.Undefined(Name);
        }

        var result = FromComparison(inputs.Comparison, inputs.Options.KolmogorovSmirnov ?? KolmogorovSmirnovOptions.Default);
        return DriftMeasureResult.Test(
            Name,
            result.PValue,
            DriftMeasureDetail.Of("statistic", result.Statistic),
            DriftMeasureDetail.Of("pValue", result.PValue),
            DriftMeasureDetail.Of("method", result.Method == KolmogorovSmirnovMethod.Exact ? "exact" : "asymptotic"),
            DriftMeasureDetail.Of("approximate", inputs.SamplesApproximate));
    }

    /// <summary>The test of <paramref name="current"/> against <paramref name="reference"/>; null when either view is empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The exact method is forced for a sample larger than int.MaxValue.</exception>
    public static KolmogorovSmirnovResult? Compute(QuantileSortedView reference, QuantileSortedView current, KolmogorovSmirnovOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.TotalWeight == 0 || current.TotalWeight == 0)
        {
            return null;
        }

        return FromComparison(EmpiricalComparison.Compare(reference, current), options ?? KolmogorovSmirnovOptions.Default);
    }

    internal static KolmogorovSmirnovResult FromComparison(in EmpiricalComparison comparison, KolmogorovSmirnovOptions options)
    {
        var m = comparison.ReferenceWeight;
        var n = comparison.CurrentWeight;
        var exact = options.Method switch
        {
            KolmogorovSmirnovMethod.Exact => true,
            KolmogorovSmirnovMethod.Asymptotic => false,
            _ => Math.Max(m, n) <= AutoExactLimit && (options.ExactCellBudget is not { } budget || m * n <= budget),
        };

        if (!exact)
        {
            var pValue = options.FastAsymptotic
                ? KolmogorovDistribution.FastSurvival(TwoSampleKolmogorovDistribution.EffectiveSampleSize(m, n), comparison.Statistic)
                : TwoSampleKolmogorovDistribution.AsymptoticSurvival(m, n, comparison.Statistic);
            return new KolmogorovSmirnovResult(comparison.Statistic, pValue, KolmogorovSmirnovMethod.Asymptotic);
        }

        if (comparison.StatisticNumerator < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The exact method needs both total weights within int.MaxValue.");
        }

        return new KolmogorovSmirnovResult(
            comparison.Statistic,
            TwoSampleKolmogorovDistribution.ExactSurvival((int)m, (int)n, comparison.StatisticNumerator),
            KolmogorovSmirnovMethod.Exact);
    }
}
