namespace OrleansEval.Client;

/// <summary>The ground truth of a prediction: a label for a classifier, a value for a regressor.</summary>
/// <param name="Label">The true class.</param>
/// <param name="Value">The true value.</param>
public sealed record Actual(string? Label = null, double? Value = null);
