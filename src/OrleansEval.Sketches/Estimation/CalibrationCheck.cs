namespace OrleansEval.Sketches.Estimation;

/// <summary>
/// Decides, as NannyML's CBPE does, whether a model's reference scores benefit from isotonic calibration: the calibrator is
/// cross-validated on stratified shuffle splits of the reference set and kept only if it lowers the expected calibration
/// error of the held-out observations.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>A reference set with a single class, or whose raw scores have a ROC AUC above
/// <see cref="CalibrationCheckOptions.MaxReferenceRocAuc"/>, needs no calibration.</item>
/// <item>Otherwise, <see cref="CalibrationCheckOptions.SplitCount"/> times, ⌈f · n⌉ observations are held out by a
/// stratified shuffle split (each class contributes in proportion to its size, largest remainders rounding up), an isotonic
/// map is fitted on the rest and applied to the held-out scores.</item>
/// <item>The held-out observations of all splits are pooled; the expected calibration error of their raw and of their
/// calibrated probabilities is computed on the same equal-count bins (<see cref="ExpectedCalibrationError"/>).</item>
/// <item>Calibration is needed when the raw error is strictly larger than the calibrated one.</item>
/// </list>
/// The shuffles come from a fixed generator seeded with <see cref="CalibrationCheckOptions.Seed"/>, so the decision is
/// reproducible; it is not the same permutation stream as NannyML's, and on a borderline reference the two may differ.
/// </remarks>
public static class CalibrationCheck
{
    /// <summary>Runs the check on a reference set.</summary>
    /// <param name="scores">Reference scores in [0, 1].</param>
    /// <param name="actuals">Reference labels, true for the positive class.</param>
    /// <param name="options">Settings; <see cref="CalibrationCheckOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The inputs differ in length, are empty or hold a score outside [0, 1].</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static CalibrationCheckResult Evaluate(
        ReadOnlySpan<double> scores,
        ReadOnlySpan<bool> actuals,
        CalibrationCheckOptions? options = null)
    {
        options ??= CalibrationCheckOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SplitCount, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BinCount, 2, nameof(options));
        if (!(options.TestFraction > 0.0 && options.TestFraction < 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.TestFraction,
                "The test fraction must lie strictly between 0 and 1.");
        }

        CalibrationMap.ValidateReference(scores, actuals);
        var n = scores.Length;
        var positives = new List<int>();
        var negatives = new List<int>();
        for (var i = 0; i < n; i++)
        {
            (actuals[i] ? positives : negatives).Add(i);
        }

        if (positives.Count == 0 || negatives.Count == 0)
        {
            return new CalibrationCheckResult(false, null, null, null);
        }

        var rocAuc = RocAuc(scores, actuals, positives.Count, negatives.Count);
        if (rocAuc > options.MaxReferenceRocAuc)
        {
            return new CalibrationCheckResult(false, null, null, rocAuc);
        }

        var testSize = Math.Clamp((int)Math.Ceiling(options.TestFraction * n), 1, n - 1);
        var (positiveTest, negativeTest) = Allocate(testSize, positives.Count, negatives.Count);

        var pooled = options.SplitCount * testSize;
        var raw = new double[pooled];
        var calibrated = new double[pooled];
        var labels = new bool[pooled];
        var held = new bool[n];
        var trainScores = new double[n - testSize];
        var trainLabels = new bool[n - testSize];
        var positiveOrder = positives.ToArray();
        var negativeOrder = negatives.ToArray();
        var random = new SplitMix64(options.Seed);
        var next = 0;
        for (var split = 0; split < options.SplitCount; split++)
        {
            Array.Clear(held);
            HoldOut(positiveOrder, positiveTest, held, ref random);
            HoldOut(negativeOrder, negativeTest, held, ref random);

            var t = 0;
            for (var i = 0; i < n; i++)
            {
                if (!held[i])
                {
                    trainScores[t] = scores[i];
                    trainLabels[t++] = actuals[i];
                }
            }

            var map = CalibrationMap.FitIsotonic(trainScores, trainLabels);
            for (var i = 0; i < n; i++)
            {
                if (held[i])
                {
                    raw[next] = scores[i];
                    calibrated[next] = map.Calibrate(scores[i]);
                    labels[next++] = actuals[i];
                }
            }
        }

        if (pooled < 4)
        {
            return new CalibrationCheckResult(false, null, null, rocAuc);
        }

        var rawError = ExpectedCalibrationError.Compute(raw, labels, options.BinCount);
        var calibratedError = ExpectedCalibrationError.Compute(calibrated, labels, options.BinCount);
        return new CalibrationCheckResult(rawError > calibratedError, rawError, calibratedError, rocAuc);
    }

    /// <summary>Test observations per class: proportional shares, the remainder going to the larger fractional part.</summary>
    private static (int Positive, int Negative) Allocate(int testSize, int positives, int negatives)
    {
        var n = (long)positives + negatives;
        var positiveFloor = (int)(testSize * (long)positives / n);
        var negativeFloor = (int)(testSize * (long)negatives / n);
        if (positiveFloor + negativeFloor == testSize)
        {
            return (positiveFloor, negativeFloor);
        }

        // One observation is left over; compare the fractional parts exactly as remainders over n.
        var positiveRemainder = testSize * (long)positives % n;
        var negativeRemainder = testSize * (long)negatives % n;
        return positiveRemainder > negativeRemainder || (positiveRemainder == negativeRemainder && positives >= negatives)
            ? (positiveFloor + 1, negativeFloor)
            : (positiveFloor, negativeFloor + 1);
    }

    /// <summary>
    /// Marks <paramref name="count"/> members of <paramref name="members"/> chosen uniformly (partial Fisher–Yates).
    /// </summary>
    private static void HoldOut(int[] members, int count, bool[] held, ref SplitMix64 random)
    {
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt(members.Length - i);
            (members[i], members[j]) = (members[j], members[i]);
            held[members[i]] = true;
        }
    }

    /// <summary>Realised ROC AUC of the raw scores: the Mann–Whitney statistic, tied pairs counting one half.</summary>
    private static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> actuals, int positives, int negatives)
    {
        var sorted = scores.ToArray();
        var labels = actuals.ToArray();
        Array.Sort(sorted, labels);
        double pairs = 0;
        long negativesBelow = 0;
        var i = 0;
        while (i < sorted.Length)
        {
            long groupPositives = 0;
            long groupNegatives = 0;
            var j = i;
            while (j < sorted.Length && sorted[j] == sorted[i])
            {
                if (labels[j])
                {
                    groupPositives++;
                }
                else
                {
                    groupNegatives++;
                }

                j++;
            }

            pairs += (groupPositives * (double)negativesBelow) + (0.5 * groupPositives * groupNegatives);
            negativesBelow += groupNegatives;
            i = j;
        }

        return pairs / ((double)positives * negatives);
    }
}
