using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// Which rows of a block an examples answer takes: those in the slice and, when asked, labelled or not, and
/// misclassified or not. A classifier's row is misclassified when its predicted label (a binary score's own label
/// when none was kept) differs from its actual; a regressor's when the absolute error exceeds <c>minError</c>.
/// </summary>
internal sealed class ExampleSelection(ExampleQuery query)
{
    private readonly ModelDefinition _model = query.Model.Definition;

    public Func<int, bool> Bind(RowBlock block)
    {
        var inSlice = query.Slice.Bind(block);
        return row => inSlice(row) && Labelled(block, row) && Misclassified(block, row);
    }

    private bool Labelled(RowBlock block, int row) => query.Labelled is not { } wanted || block.IsLabelled(row) == wanted;

    private bool Misclassified(RowBlock block, int row)
    {
        if (query.Misclassified is not { } wanted)
        {
            return true;
        }

        return block.IsLabelled(row) && IsWrong(block, row) == wanted;
    }

    private bool IsWrong(RowBlock block, int row)
    {
        if (_model.Task == ModelTask.Regression)
        {
            return Math.Abs(block.PredictedValues[row] - block.ActualValues[row]) > query.MinError!.Value;
        }

        return !string.Equals(_model.PredictedLabel(block.PredictedLabels[row], block.Scores[row]), block.ActualLabels[row], StringComparison.Ordinal);
    }
}
