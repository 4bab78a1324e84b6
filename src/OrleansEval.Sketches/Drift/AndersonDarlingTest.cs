using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// The two-sample Anderson–Darling test of Scholz and Stephens (1987), <c>andersonDarling</c>, with the definitions of
/// <c>scipy.stats.anderson_ksamp</c> (k = 2, midrank = true). Over the L distinct values z₁ &lt; … &lt; z_L of the pooled
/// sample (N = m + n), with l_j the pooled weight at z_j, B_j = l₁ + … + l_j, f_ij the weight of sample i at z_j and
/// M_ij = f_i1 + … + f_ij, the midrank statistic (their eq. 7, valid with ties) is
/// A² = (N − 1)/N² · Σᵢ (1/nᵢ) Σⱼ l_j (N M_ij′ − nᵢ B_j′)² / (B_j′ (N − B_j′) − N l_j / 4), M′ = M − f/2, B′ = B − l/2.
/// The statistic reported is SciPy's standardised T = (A² − 1) / σ_N, σ_N² their exact finite-sample variance, and the
/// decision score is the approximate significance level: ln α fitted by least squares as a quadratic in the critical
/// values t(α) = b₀ + b₁ + b₂ of their Table 2 (α = 0.25, 0.10, 0.05, 0.025, 0.01, 0.005, 0.001), evaluated at T, and
/// capped to [0.001, 0.25] outside those critical values (SciPy's floor and cap; a p of 0.25 means "0.25 or more").
/// Lower means drift. Undefined with fewer than four values in all or a single distinct value. From sketches the
/// weights are the retained items' weights, and the result is flagged approximate. Chosen over Cramér–von Mises
/// because its weight on the tails catches shifts there that KS misses, and its p-value needs no series of special
/// functions.
/// </summary>
public sealed class AndersonDarlingTest : IDriftMeasure
{
    /// <summary>The smallest p-value reported: statistics beyond the 0.1 % critical value are floored to it.</summary>
    public const double MinimumPValue = 0.001;

    /// <summary>The largest p-value reported: statistics below the 25 % critical value are capped to it.</summary>
    public const double MaximumPValue = 0.25;

    // Above this many values h and g come from their asymptotic expansions, which agree with the sums to 1e-13.
    internal const long ExactSumLimit = 4096;

    private static readonly double[] SignificanceLevels = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    // Scholz and Stephens, Table 2: t_m(α) = b₀ + b₁/√m + b₂/m, here with m = k − 1 = 1.
    private static readonly double[] CriticalValues =
    [
        0.675 + -0.245 + -0.105,
        1.281 + 0.25 + -0.305,
        1.645 + 0.678 + -0.362,
        1.96 + 1.149 + -0.391,
        2.326 + 1.822 + -0.396,
        2.573 + 2.364 + -0.345,
        3.085 + 3.615 + -0.154,
    ];

    private static readonly (double C0, double C1, double C2) LogLevelFit = FitQuadratic(CriticalValues, [.. SignificanceLevels.Select(level => Math.Log(level))]);

    private AndersonDarlingTest()
    {
    }

    /// <summary>The single instance.</summary>
    public static AndersonDarlingTest Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "andersonDarling";

    /// <inheritdoc />
    public DriftMeasureInput Input => DriftMeasureInput.Samples;

    /// <summary>0.05 on the p-value.</summary>
    public double DefaultThreshold => 0.05;

    /// <inheritdoc />
    public DriftDirection Direction => DriftDirection.LowerMeansDrift;

    /// <inheritdoc />
    public bool IsAtMostOne => true;

    /// <summary>0.25: the p-value is reported at most 0.25 (meaning 0.25 or more), so a larger threshold always fires.</summary>
    public double ThresholdCeiling => MaximumPValue;

    /// <summary>The test's statistic T, pValue and approximate (either view from a compacted sketch); the decision score is the p-value.</summary>
    public DriftMeasureResult Measure(DriftInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.HasSamples && Compute(inputs.Reference!, inputs.Current!) is { } result
            ? DriftMeasureResult.Test(
                Name,
                result.PValue,
                DriftMeasureDetail.Of("statistic", result.Statistic),
                DriftMeasureDetail.Of("pValue", result.PValue),
                DriftMeasureDetail.Of("approximate", inputs.SamplesApproximate))
            : DriftMeasureResult.Undefined(Name);
    }

    /// <summary>The standardised statistic T and its approximate p-value, or null when the test is undefined.</summary>
    /// <exception cref="ArgumentException">A view holds NaN.</exception>
    public static (double Statistic, double PValue)? Compute(QuantileSortedView reference, QuantileSortedView current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.TotalWeight == 0 || current.TotalWeight == 0 || reference.TotalWeight + current.TotalWeight < 4
            || MidrankStatistic(reference, current) is not { } a2)
        {
            return null;
        }

        var variance = Variance(reference.TotalWeight, current.TotalWeight);
        if (!(variance > 0))
        {
            return null;
        }

        var statistic = (a2 - 1) / Math.Sqrt(variance);
        return (statistic, PValue(statistic));
    }

    /// <summary>The approximate significance level of a standardised statistic, floored and capped outside the table.</summary>
    internal static double PValue(double statistic)
    {
        if (statistic < CriticalValues[0])
        {
            return MaximumPValue;
        }

        if (statistic > CriticalValues[^1])
        {
            return MinimumPValue;
        }

        var (c0, c1, c2) = LogLevelFit;
        return Math.Exp(c0 + (statistic * (c1 + (statistic * c2))));
    }

    /// <summary>σ_N² of A² for two samples of total weights m and n (Scholz and Stephens, their expression for Var(A²_kN)).</summary>
    internal static double Variance(long m, long n)
    {
        const double k = 2;
        double total = m + n, sizes = (1.0 / m) + (1.0 / n);
        var (h, g) = HarmonicSums(m + n);
        var a = ((4 * g) - 6) * (k - 1) + ((10 - (6 * g)) * sizes);
        var b = ((2 * g) - 4) * k * k + (8 * h * k) + (((2 * g) - (14 * h) - 4) * sizes) - (8 * h) + (4 * g) - 6;
        var c = ((6 * h) + (2 * g) - 2) * k * k + (((4 * h) - (4 * g) + 6) * k) + (((2 * h) - 6) * sizes) + (4 * h);
        var d = ((2 * h) + 6) * k * k - (4 * h * k);
        return ((((a * total) + b) * total + c) * total + d) / ((total - 1) * (total - 2) * (total - 3));
    }

    /// <summary>h = Σ_{i&lt;N} 1/i and g = Σ_{i=1}^{N−2} Σ_{j=i+1}^{N−1} 1/((N − i) j): summed up to <see cref="ExactSumLimit"/>, expanded above.</summary>
    internal static (double H, double G) HarmonicSums(long total) =>
        total <= ExactSumLimit ? SummedHarmonics(total) : ExpandedHarmonics(total);

    /// <summary>h and g by their defining sums, O(N).</summary>
    internal static (double H, double G) SummedHarmonics(long total)
    {
        double h = 0, g = 0, inner = 0;
        for (long i = 1; i < total; i++)
        {
            h += 1.0 / i;
        }

        // inner = Σ_{i<j} 1/(N − i), grown one term per j.
        for (long j = 2; j < total; j++)
        {
            inner += 1.0 / (total - j + 1);
            g += inner / j;
        }

        return (h, g);
    }

    /// <summary>h = ln(N−1) + γ + 1/(2(N−1)) − 1/(12(N−1)²); g = π²/6 − (2 ln N + 2γ + 1)/N + 1/(2N²).</summary>
    internal static (double H, double G) ExpandedHarmonics(long total)
    {
        const double eulerGamma = 0.57721566490153286;
        double n1 = total - 1, n = total;
        var h = Math.Log(n1) + eulerGamma + (1 / (2 * n1)) - (1 / (12 * n1 * n1));
        var g = (Math.PI * Math.PI / 6) - (((2 * Math.Log(n)) + (2 * eulerGamma) + 1) / n) + (1 / (2 * n * n));
        return (h, g);
    }

    /// <summary>A² with midranks over the merged views, or null with a single distinct value.</summary>
    private static double? MidrankStatistic(QuantileSortedView reference, QuantileSortedView current)
    {
        var referenceValues = reference.Values;
        var currentValues = current.Values;
        double m = reference.TotalWeight, n = current.TotalWeight, total = m + n;
        double sumReference = 0, sumCurrent = 0;
        long atOrBelowReference = 0, atOrBelowCurrent = 0;
        int i = 0, j = 0, distinct = 0;
        while (i < referenceValues.Length || j < currentValues.Length)
        {
            var fromReference = i < referenceValues.Length ? referenceValues[i] : double.PositiveInfinity;
            var fromCurrent = j < currentValues.Length ? currentValues[j] : double.PositiveInfinity;
            if (double.IsNaN(fromReference) || double.IsNaN(fromCurrent))
            {
                throw new ArgumentException("Sorted views must not contain NaN.", nameof(reference));
            }

            var x = Math.Min(fromReference, fromCurrent);
            var (belowReference, belowCurrent) = (atOrBelowReference, atOrBelowCurrent);
            while (i < referenceValues.Length && referenceValues[i] == x)
            {
                atOrBelowReference = reference.CumulativeWeights[i++];
            }

            while (j < currentValues.Length && currentValues[j] == x)
            {
                atOrBelowCurrent = current.CumulativeWeights[j++];
            }

            double referenceWeight = atOrBelowReference - belowReference, currentWeight = atOrBelowCurrent - belowCurrent;
            var pooled = referenceWeight + currentWeight;
            var midrank = atOrBelowReference + atOrBelowCurrent - (pooled / 2);
            var scale = (midrank * (total - midrank)) - (total * pooled / 4);
            var deviationReference = (total * (atOrBelowReference - (referenceWeight / 2))) - (m * midrank);
            var deviationCurrent = (total * (atOrBelowCurrent - (currentWeight / 2))) - (n * midrank);
            sumReference += pooled * deviationReference * deviationReference / scale;
            sumCurrent += pooled * deviationCurrent * deviationCurrent / scale;
            distinct++;
        }

        return distinct < 2 ? null : (total - 1) / (total * total) * ((sumReference / m) + (sumCurrent / n));
    }

    /// <summary>The least-squares quadratic c₀ + c₁x + c₂x² through the points, from its normal equations.</summary>
    private static (double C0, double C1, double C2) FitQuadratic(double[] x, double[] y)
    {
        double s0 = x.Length, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var x2 = x[i] * x[i];
            (s1, s2, s3, s4) = (s1 + x[i], s2 + x2, s3 + (x2 * x[i]), s4 + (x2 * x2));
            (t0, t1, t2) = (t0 + y[i], t1 + (x[i] * y[i]), t2 + (x2 * y[i]));
        }

        // Cramer's rule on [[s0 s1 s2] [s1 s2 s3] [s2 s3 s4]] · c = [t0 t1 t2].
        var determinant = Determinant(s0, s1, s2, s1, s2, s3, s2, s3, s4);
        return (
            Determinant(t0, s1, s2, t1, s2, s3, t2, s3, s4) / determinant,
            Determinant(s0, t0, s2, s1, t1, s3, s2, t2, s4) / determinant,
            Determinant(s0, s1, t0, s1, s2, t1, s2, s3, t2) / determinant);
    }

    private static double Determinant(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));
}
