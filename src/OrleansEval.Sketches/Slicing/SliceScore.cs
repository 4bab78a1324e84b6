namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// The SliceLine score α·(ē_s/ē − 1) − (1 − α)·(n/|s| − 1) of a slice over n rows of mean error ē, and the upper bound of
/// the score of any slice whose size, error sum and largest error are bounded (Sagadeeva &amp; Boehm, SIGMOD 2021).
/// </summary>
internal readonly record struct SliceScore(int Rows, double MeanError, double Alpha, int MinSize)
{
    /// <summary>The score of a slice of <paramref name="size"/> rows whose errors sum to <paramref name="errorSum"/>.</summary>
    public double Of(double size, double errorSum) =>
        (Alpha * ((errorSum / size / MeanError) - 1)) - ((1 - Alpha) * ((Rows / size) - 1));

    /// <summary>
    /// The largest score of a slice of size s in [minSize, sizeBound] with error sum min(errorBound, maxError·s). On
    /// s ≤ errorBound/maxError the score grows with s; beyond it, it is monotone in 1/s: so the maximum is at minSize,
    /// sizeBound or errorBound/maxError. −∞ when sizeBound is below minSize.
    /// </summary>
    public double UpperBound(int sizeBound, double errorBound, double maxErrorBound)
    {
        if (sizeBound < MinSize)
        {
            return double.NegativeInfinity;
        }

        var best = Math.Max(Bounded(MinSize, errorBound, maxErrorBound), Bounded(sizeBound, errorBound, maxErrorBound));
        if (maxErrorBound > 0)
        {
            var knee = Math.Clamp(errorBound / maxErrorBound, MinSize, sizeBound);
            best = Math.Max(best, Bounded(knee, errorBound, maxErrorBound));
        }

        return best;
    }

    private double Bounded(double size, double errorBound, double maxErrorBound) =>
        Of(size, Math.Min(errorBound, maxErrorBound * size));
}
