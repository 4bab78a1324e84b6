using OrleansEval.Compare;
using OrleansEval.Grains.WorstSlices;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.Compare;

/// <summary>
/// A labelled row's <see cref="PairedOutcome"/> under a comparison metric; null when the row cannot be judged by it (no
/// prediction, or no score for a score metric), so the row is not paired at all. Losses are the worst-slice search's
/// (<see cref="RowErrors"/>): one definition of each per-row loss.
/// </summary>
internal sealed class RowOutcomes(ModelDefinition definition, string metric)
{
    private readonly RowErrors _errors = new(definition, metric switch
    {
        ComparisonMetrics.LogLoss => SliceErrorMetrics.LogLoss,
        ComparisonMetrics.Brier => SliceErrorMetrics.Brier,
        ComparisonMetrics.SquaredError => SliceErrorMetrics.SquaredError,
        _ => SliceErrorMetrics.Error,
    });

    public PairedOutcome? Of(RowBlock block, int row)
    {
        var loss = _errors.Of(block, row);
        var correct = _errors.Classifier ? _errors.Correct(block, row) : null;
        var score = block.Scores[row];
        var needsScore = metric is ComparisonMetrics.RocAuc or ComparisonMetrics.LogLoss or ComparisonMetrics.Brier;
        if (loss is null || (_errors.Classifier && correct is null) || (needsScore && !double.IsFinite(score)))
        {
            return null;
        }

        var positive = string.Equals(block.ActualLabels[row], definition.PositiveLabel, StringComparison.Ordinal);
        return new PairedOutcome(correct ?? false, loss.Value, score, positive);
    }
}
