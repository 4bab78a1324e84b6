namespace OrleansEval.Grains.Compare;

/// <summary>
/// What one version did on one labelled prediction: whether it was right (classifiers), its per-row loss under the
/// compared metric (NaN when the row lacks what the metric needs), and its score with whether the actual is the
/// positive class (for ROC AUC).
/// </summary>
internal readonly record struct PairedOutcome(bool Correct, double Loss, double Score, bool Positive);
