namespace OrleansEval.Sketches.Estimation;

/// <summary>
/// Expected calibration error on equal-count bins (Naeini, Cooper and Hauskrecht, "Obtaining well calibrated probabilities
/// using Bayesian binning", 2015), binned as NannyML's needs-calibration check bins it.
/// </summary>
/// <remarks>
/// The n observations are sorted by probability (ties keep their input order). With b bins requested, b becomes ⌊n / 2⌋
/// when n ≤ 2b; the bin width is w = ⌊n / b⌋ and there are ⌊n / w⌋ bins of w consecutive observations, the last one also
/// taking the fewer than w left over. ECE = Σ_bins (size / n) · |mean probability − positive fraction|.
/// </remarks>
public static class ExpectedCalibrationError
{
    /// <summary>The expected calibration error of <paramref name="probabilities"/> against <paramref name="actuals"/>.</summary>
    /// <param name="probabilities">Predicted probabilities of the positive class.</param>
    /// <param name="actuals">Actual labels, true for the positive class.</param>
    /// <param name="binCount">Number of equal-count bins requested, at least 2.</param>
    /// <exception cref="ArgumentException">
    /// The inputs differ in length, hold a NaN, or have fewer than four observations (two bins of two).
    /// </exception>
    public static double Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> actuals, int binCount = 10)
    {
        if (probabilities.Length != actuals.Length)
        {
            throw new ArgumentException(
                $"There are {probabilities.Length} probabilities and {actuals.Length} actual labels.",
                nameof(actuals));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 2);
        var n = probabilities.Length;
        if (n <= 2 * binCount)
        {
            binCount = n / 2;
        }

        if (binCount < 2)
        {
            throw new ArgumentException($"{n} observations cannot fill two bins of two.", nameof(probabilities));
        }

        var order = new int[n];
        var keys = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(probabilities[i]))
            {
                throw new ArgumentException($"Probability {i} is NaN.", nameof(probabilities));
            }

            order[i] = i;
            keys[i] = probabilities[i];
        }

        // Stable: ties keep their input order, so the bins do not depend on the sort algorithm.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));

        var width = n / binCount;
        var bins = n / width;
        var error = 0.0;
        for (var bin = 0; bin < bins; bin++)
        {
            var start = bin * width;
            var end = bin == bins - 1 ? n : start + width;
            var sumProbability = 0.0;
            var positives = 0;
            for (var i = start; i < end; i++)
            {
                sumProbability += keys[order[i]];
                positives += actuals[order[i]] ? 1 : 0;
            }

            var size = end - start;
            error += (double)size / n * Math.Abs((sumProbability / size) - ((double)positives / size));
        }

        return error;
    }
}
