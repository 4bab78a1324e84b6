namespace OrleansEval.Sketches.Drift;

/// <summary>Settings of the drift calculation that are not part of a measure's definition.</summary>
/// <param name="KolmogorovSmirnov">How the KS p-value is computed; <see cref="KolmogorovSmirnovOptions.Default"/> when null.</param>
/// <param name="WassersteinStdFloor">Lower bound on the reference standard deviation in <c>wassersteinNormed</c>.</param>
public sealed record DriftOptions(
    KolmogorovSmirnovOptions? KolmogorovSmirnov = null,
    double WassersteinStdFloor = NormalizedWassersteinDistance.DefaultStdFloor)
{
    /// <summary>Auto KS method without a cell budget, standard deviation floor 0.001.</summary>
    public static DriftOptions Default { get; } = new();
}
