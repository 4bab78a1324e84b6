using OrleansEval.Grains.WorstSlices;
using OrleansEval.Models;
using OrleansEval.RootCause;
using OrleansEval.Rows;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// The per-row value a root-cause metric is the mean of: 1 for a correct prediction (accuracy), 1 for a wrong one
/// (errorRate), the log loss, the Brier score, the absolute or the squared error. A row that lacks what the metric
/// needs (an actual, a score) has none and is not labelled for it.
/// </summary>
internal sealed class RowLosses(ModelDefinition definition, string metric)
{
    private readonly RowErrors _errors = new(definition, ErrorMetric(metric));

    /// <summary>The value of <paramref name="row"/>, or null when the row is not labelled for the metric.</summary>
    public double? Of(RowBlock block, int row) => _errors.Of(block, row) is { } loss
        ? string.Equals(metric, RootCauseMetrics.Accuracy, StringComparison.Ordinal) ? 1 - loss : loss
        : null;

    private static string ErrorMetric(string metric) => metric switch
    {
        RootCauseMetrics.LogLoss => SliceErrorMetrics.LogLoss,
        RootCauseMetrics.Brier => SliceErrorMetrics.Brier,
        RootCauseMetrics.SquaredError => SliceErrorMetrics.SquaredError,
        _ => SliceErrorMetrics.Error,
    };
}
