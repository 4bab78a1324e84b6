using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.WorstSlices;

/// <summary>
/// The per-row loss of a labelled row under a <see cref="SliceErrorMetrics"/> metric, and whether a classifier's
/// prediction was correct. A binary classifier's row without a predicted label is judged by its score against the
/// model's threshold, as ingest labels it.
/// </summary>
internal sealed class RowErrors(ModelDefinition definition, string metric)
{
    /// <summary>Scores below this (or above 1 minus it) are clipped before the log loss, as scikit-learn does.</summary>
    private const double Epsilon = 1e-15;

    /// <summary>True for a classifier, whose rows also have an accuracy.</summary>
    public bool Classifier => definition.Task != ModelTask.Regression;

    /// <summary>The loss of <paramref name="row"/>, or null when the row lacks what the metric needs.</summary>
    public double? Of(RowBlock block, int row)
    {
        if (!block.IsLabelled(row))
        {
            return null;
        }

        double? loss = metric switch
        {
            SliceErrorMetrics.LogLoss => Probability(block, row) is { } p ? -((Positive(block, row) * Math.Log(p)) + ((1 - Positive(block, row)) * Math.Log(1 - p))) : null,
            SliceErrorMetrics.Brier => Score(block, row) is { } s ? (s - Positive(block, row)) * (s - Positive(block, row)) : null,
            SliceErrorMetrics.SquaredError => Difference(block, row) is { } d ? d * d : null,
            _ when Classifier => Correct(block, row) is { } correct ? (correct ? 0 : 1) : null,
            _ => Difference(block, row) is { } difference ? Math.Abs(difference) : null,
        };

        // A loss too large for a double (values near its limit) is not a loss anything can add up.
        return loss is { } value && double.IsFinite(value) ? value : null;
    }

    /// <summary>
    /// The loss of <paramref name="row"/> (null when the row lacks what the metric needs) and whether a classifier
    /// predicted it right (false when that cannot be told, and for a regressor); the prediction is judged once.
    /// </summary>
    public (double? Loss, bool Correct) Judge(RowBlock block, int row)
    {
        if (metric is SliceErrorMetrics.Error && Classifier)
        {
            var correct = block.IsLabelled(row) ? Correct(block, row) : null;
            return (correct is { } right ? (right ? 0 : 1) : null, correct ?? false);
        }

        return (Of(block, row), Classifier && (Correct(block, row) ?? false));
    }

    /// <summary>Whether a classifier's row was predicted right; null when it has no prediction or no actual label.</summary>
    public bool? Correct(RowBlock block, int row)
    {
        var predicted = definition.PredictedLabel(block.PredictedLabels[row], block.Scores[row]);
        var actual = block.ActualLabels[row];
        return predicted is null || actual is null ? null : string.Equals(predicted, actual, StringComparison.Ordinal);
    }

    private double Positive(RowBlock block, int row) =>
        string.Equals(block.ActualLabels[row], definition.PositiveLabel, StringComparison.Ordinal) ? 1 : 0;

    private static double? Score(RowBlock block, int row) => double.IsFinite(block.Scores[row]) ? block.Scores[row] : null;

    private static double? Probability(RowBlock block, int row) => Score(block, row) is { } score ? Math.Clamp(score, Epsilon, 1 - Epsilon) : null;

    private static double? Difference(RowBlock block, int row)
    {
        var difference = block.ActualValues[row] - block.PredictedValues[row];
        return double.IsFinite(difference) ? difference : null;
    }
}
