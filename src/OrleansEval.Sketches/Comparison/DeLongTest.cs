using MathNet.Numerics.Distributions;

namespace OrleansEval.Sketches.Comparison;

/// <summary>
/// DeLong's test of two correlated ROC AUCs — two models' scores on the same rows (DeLong, DeLong and Clarke-Pearson,
/// Biometrics 1988), computed with midranks in O(n log n) (Sun and Xu, IEEE Signal Processing Letters 2014). For each
/// model, a positive row's placement is the share of negatives it outscores (ties ½) and a negative row's the share of
/// positives that outscore it; with S₁₀ and S₀₁ the 2 × 2 sample covariances of the two models' placements over the m
/// positives and the n negatives, Var(AUC₁ − AUC₂) = (S₁₀₁₁ + S₁₀₂₂ − 2S₁₀₁₂)/m + (S₀₁₁₁ + S₀₁₂₂ − 2S₀₁₁₂)/n,
/// z = (AUC₁ − AUC₂)/√Var, p = 2·Φ(−|z|) — as R's pROC <c>roc.test(method = "delong", paired = TRUE)</c>.
/// </summary>
public static class DeLongTest
{
    /// <summary>The AUCs of both models and the test; null without a positive and a negative row.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or a score is NaN.</exception>
    public static DeLongResult? Compute(ReadOnlySpan<double> first, ReadOnlySpan<double> second, ReadOnlySpan<bool> positive)
    {
        if (first.Length != positive.Length || second.Length != positive.Length)
        {
            throw new ArgumentException("Both models must have a score for every labelled row.", nameof(positive));
        }

        var positives = 0;
        foreach (var isPositive in positive)
        {
            positives += isPositive ? 1 : 0;
        }

        var negatives = positive.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        var one = Placements.Of(first, positive, positives, negatives);
        var two = Placements.Of(second, positive, positives, negatives);
        var variance = (CovarianceSpread(one.OfPositives, two.OfPositives) / positives)
            + (CovarianceSpread(one.OfNegatives, two.OfNegatives) / negatives);
        var difference = one.Auc - two.Auc;
        if (!(variance > 0))
        {
            var undecided = difference == 0;
            return new DeLongResult(one.Auc, two.Auc, new PairedTestResult("delong", undecided ? 0 : Math.Sign(difference) * double.PositiveInfinity, undecided ? 1 : 0));
        }

        var z = difference / Math.Sqrt(variance);
        return new DeLongResult(one.Auc, two.Auc, new PairedTestResult("delong", z, Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z)))));
    }

    // Var(a) + Var(b) − 2·Cov(a, b), each the sample (n − 1) estimate.
    private static double CovarianceSpread(double[] a, double[] b)
    {
        var count = a.Length;
        if (count < 2)
        {
            return 0;
        }

        double meanA = 0, meanB = 0;
        for (var i = 0; i < count; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }

        meanA /= count;
        meanB /= count;
        var spread = 0.0;
        for (var i = 0; i < count; i++)
        {
            var d = (a[i] - meanA) - (b[i] - meanB);
            spread += d * d;
        }

        return spread / (count - 1);
    }

    private sealed record Placements(double Auc, double[] OfPositives, double[] OfNegatives)
    {
        public static Placements Of(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, int positives, int negatives)
        {
            var positiveScores = new double[positives];
            var negativeScores = new double[negatives];
            var all = new double[scores.Length];
            for (int i = 0, p = 0, n = 0; i < scores.Length; i++)
            {
                if (double.IsNaN(scores[i]))
                {
                    throw new ArgumentException($"score {i} is NaN.", nameof(scores));
                }

                all[i] = scores[i];
                if (positive[i])
                {
                    positiveScores[p++] = scores[i];
                }
                else
                {
                    negativeScores[n++] = scores[i];
                }
            }

            var midranksAll = MidRanks.Of(all);
            var midranksPositive = MidRanks.Of(positiveScores);
            var midranksNegative = MidRanks.Of(negativeScores);
            var ofPositives = new double[positives];
            var ofNegatives = new double[negatives];
            var rankSum = 0.0;
            for (int i = 0, p = 0, n = 0; i < scores.Length; i++)
            {
                if (positive[i])
                {
                    rankSum += midranksAll[i];
                    ofPositives[p] = (midranksAll[i] - midranksPositive[p]) / negatives;
                    p++;
                }
                else
                {
                    ofNegatives[n] = 1 - ((midranksAll[i] - midranksNegative[n]) / positives);
                    n++;
                }
            }

            var auc = (rankSum - (positives * (positives + 1.0) / 2)) / ((double)positives * negatives);
            return new Placements(auc, ofPositives, ofNegatives);
        }
    }
}
