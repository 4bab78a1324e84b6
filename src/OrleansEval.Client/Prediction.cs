namespace OrleansEval.Client;

/// <summary>A model's output: a label and positive-class score for a classifier, a value for a regressor.</summary>
/// <param name="Label">The predicted class; a binary classifier may leave it to the score and threshold.</param>
/// <param name="Score">Binary classification: the probability of the positive class.</param>
/// <param name="Value">Regression: the predicted value.</param>
public sealed record Prediction(string? Label = null, double? Score = null, double? Value = null);
