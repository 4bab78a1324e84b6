namespace OrleansEval.Sketches.Estimation;

/// <summary>
/// Estimated binary-classification performance of one bucket without labels (CBPE), with NannyML's conventions: a ratio
/// whose denominator is zero is 0, and every metric is null for an empty bucket; ROC AUC is null when the expected number
/// of positives or of negatives is zero.
/// </summary>
/// <param name="Count">Number of predictions.</param>
/// <param name="TruePositives">Expected true positives: Σ p over predictions with ŷ = 1.</param>
/// <param name="FalsePositives">Expected false positives: Σ (1 − p) over predictions with ŷ = 1.</param>
/// <param name="TrueNegatives">Expected true negatives: Σ (1 − p) over predictions with ŷ = 0.</param>
/// <param name="FalseNegatives">Expected false negatives: Σ p over predictions with ŷ = 0.</param>
/// <param name="Accuracy">(TP + TN) / n.</param>
/// <param name="Precision">TP / (TP + FP), 0 when no prediction is positive.</param>
/// <param name="Recall">TP / (TP + FN), 0 when TP + FN is 0.</param>
/// <param name="F1">TP / (TP + (FP + FN) / 2), 0 when the denominator is 0.</param>
/// <param name="RocAuc">
/// Area, by the trapezoid rule, under the curve of expected (FPR, TPR) over every threshold on the raw score from (0, 0) to
/// (1, 1). Exact (NannyML's value) while <see cref="CbpeState.Resolution"/> is null; on the grid it is a lower bound of that
/// value, which lies in [RocAuc, RocAuc + RocAucErrorBound] because the calibration map is monotone.
/// </param>
/// <param name="RocAucErrorBound">
/// 0 when the scores are kept exactly; on the grid, Σ over cells of ΔFPR · ΔTPR / 2 (at most half the largest expected share of
/// positives in one cell). Null with <paramref name="RocAuc"/>.
/// </param>
public sealed record CbpeEstimate(
    long Count,
    double TruePositives,
    double FalsePositives,
    double TrueNegatives,
    double FalseNegatives,
    double? Accuracy,
    double? Precision,
    double? Recall,
    double? F1,
    double? RocAuc,
    double? RocAucErrorBound);
