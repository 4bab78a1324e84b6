namespace OrleansEval.Sketches.FailureModes;

/// <summary>A mean metric over one side's labelled rows: its value, the rows, and the per-row loss's variance when known.</summary>
/// <param name="Value">The metric: the mean of the per-row loss (or of correctness, for accuracy).</param>
/// <param name="Labelled">The labelled rows it is the mean of.</param>
/// <param name="Variance">The unbiased variance of the per-row values; null when unknown (a proportion needs none).</param>
public sealed record MetricSide(double Value, long Labelled, double? Variance = null);
