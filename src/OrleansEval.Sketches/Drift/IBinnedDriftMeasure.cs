namespace OrleansEval.Sketches.Drift;

/// <summary>
/// A drift measure over two vectors of bin counts for the same bins. Counts are doubles because counts estimated from a
/// sketch may be fractional; they must be finite and non-negative.
/// </summary>
public interface IBinnedDriftMeasure : IDriftMeasure
{
    /// <inheritdoc />
    DriftMeasureInput IDriftMeasure.Input => DriftMeasureInput.Bins;

    /// <summary>
    /// The measure of <paramref name="currentCounts"/> against <paramref name="referenceCounts"/>, or null when it is
    /// undefined because either side has no weight.
    /// </summary>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, infinite or NaN.</exception>
    double? Compute(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts);

    /// <inheritdoc />
    DriftMeasureResult IDriftMeasure.Measure(DriftInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return DriftMeasureResult.Number(Name, Compute(inputs.ReferenceCounts.Span, inputs.CurrentCounts.Span));
    }
}
