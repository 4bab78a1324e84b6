namespace OrleansEval.WorstSlices;

/// <summary>
/// The per-row losses a worst-slice search can rank by: <c>error</c> (1 − correct for a classifier, the absolute error
/// for a regressor), <c>logLoss</c> and <c>brier</c> (a binary classifier's score against its actual), and
/// <c>squaredError</c> (a regressor).
/// </summary>
public static class SliceErrorMetrics
{
    /// <summary>1 − correct for a classifier, |actual − predicted| for a regressor: the default.</summary>
    public const string Error = "error";

    /// <summary>−(y·ln p + (1 − y)·ln(1 − p)) with p the score clipped to [1e-15, 1 − 1e-15]; binary classifiers.</summary>
    public const string LogLoss = "logLoss";

    /// <summary>(p − y)² with p the score; binary classifiers.</summary>
    public const string Brier = "brier";

    /// <summary>(actual − predicted)²; regressors.</summary>
    public const string SquaredError = "squaredError";

    /// <summary>Every metric, in the order documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Error, LogLoss, Brier, SquaredError];

    /// <summary>True when <paramref name="metric"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string? metric) => metric is Error or LogLoss or Brier or SquaredError;
}
