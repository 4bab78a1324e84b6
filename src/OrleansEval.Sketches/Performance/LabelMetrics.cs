namespace OrleansEval.Sketches.Performance;

/// <summary>One label's one-versus-rest counts and metrics in a <see cref="MulticlassPerformanceMetrics"/>; a 0/0 is 0.</summary>
/// <param name="Label">The label.</param>
/// <param name="Support">Rows whose truth is the label.</param>
/// <param name="Predicted">Rows predicted as the label.</param>
/// <param name="TruePositives">Rows whose truth and prediction are both the label.</param>
/// <param name="Precision">TruePositives / Predicted.</param>
/// <param name="Recall">TruePositives / Support.</param>
/// <param name="F1">2·TruePositives / (Support + Predicted).</param>
public readonly record struct LabelMetrics(
    string Label,
    long Support,
    long Predicted,
    long TruePositives,
    double Precision,
    double Recall,
    double F1);
