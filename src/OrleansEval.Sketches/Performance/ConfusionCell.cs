namespace OrleansEval.Sketches.Performance;

/// <summary>One non-zero cell of a multiclass confusion matrix.</summary>
/// <param name="TrueLabel">The actual label (the row).</param>
/// <param name="PredictedLabel">The predicted label (the column).</param>
/// <param name="Count">Rows with that truth and prediction.</param>
public readonly record struct ConfusionCell(string TrueLabel, string PredictedLabel, long Count);
