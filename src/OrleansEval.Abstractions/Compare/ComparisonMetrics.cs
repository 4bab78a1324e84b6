using OrleansEval.Models;

namespace OrleansEval.Compare;

/// <summary>
/// The metrics two versions can be compared by on paired rows, and the paired test each uses: <c>accuracy</c> and
/// <c>errorRate</c> (classifiers; McNemar), <c>rocAuc</c> (binary classifiers with a score; DeLong), <c>logLoss</c> and
/// <c>brier</c> (binary classifiers with a score; paired t on the per-row loss), <c>mae</c> and <c>squaredError</c>
/// (regressors; paired t on the per-row loss).
/// </summary>
public static class ComparisonMetrics
{
    /// <summary>The share of rows predicted right: the default for classifiers.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>The share of rows predicted wrong.</summary>
    public const string ErrorRate = "errorRate";

    /// <summary>The area under the ROC curve of the score.</summary>
    public const string RocAuc = "rocAuc";

    /// <summary>The mean log loss of the score.</summary>
    public const string LogLoss = "logLoss";

    /// <summary>The mean squared difference of score and actual.</summary>
    public const string Brier = "brier";

    /// <summary>The mean absolute error: the default for regressors.</summary>
    public const string Mae = "mae";

    /// <summary>The mean squared error.</summary>
    public const string SquaredError = "squaredError";

    /// <summary>Every metric, in the order errors list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Accuracy, ErrorRate, RocAuc, LogLoss, Brier, Mae, SquaredError];

    /// <summary>The metric a comparison uses when it names none.</summary>
    public static string Default(ModelTask task) => task == ModelTask.Regression ? Mae : Accuracy;

    /// <summary>True when a larger value is better.</summary>
    public static bool HigherIsBetter(string metric) => metric is Accuracy or RocAuc;

    /// <summary>Why <paramref name="metric"/> cannot compare models of <paramref name="task"/>; null when it can.</summary>
    public static string? Applicability(string metric, ModelTask task) => metric switch
    {
        _ when !All.Contains(metric) => $"must be one of {string.Join(", ", All)}",
        Accuracy or ErrorRate when task == ModelTask.Regression => $"{metric} is for classifiers; use mae or squaredError",
        RocAuc or LogLoss or Brier when task != ModelTask.BinaryClassification =>
            $"{metric} needs a binary classifier's score; use " + (task == ModelTask.Regression ? "mae or squaredError" : "accuracy or errorRate"),
        Mae or SquaredError when task != ModelTask.Regression =>
            $"{metric} is for regressors; use accuracy, errorRate" + (task == ModelTask.BinaryClassification ? ", rocAuc, logLoss or brier" : ""),
        _ => null,
    };
}
