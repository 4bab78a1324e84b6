using OrleansEval.Baselines;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.RootCause;
using OrleansEval.Rows;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Counts the rows of both sides of a root cause, block by block so no block is held: per side the rows, labelled rows
/// and loss; per feature and bin the same; and the bins of the prediction and of the actual. Only rows that meet the
/// question's conditions count. The baseline's blocks must all come before the current side's.
/// </summary>
internal sealed class RootCauseTally
{
    private readonly ModelDefinition _definition;
    private readonly RowLosses _losses;
    private readonly RowFilter _filter;
    private readonly List<BinnedColumn> _features = [];
    private readonly List<string> _unbinned = [];

    /// <summary>A tally for a model of <paramref name="definition"/> against <paramref name="baseline"/>.</summary>
    public RootCauseTally(ModelDefinition definition, Baseline baseline, string metric, RowFilter filter)
    {
        _definition = definition;
        _losses = new RowLosses(definition, metric);
        _filter = filter;
        foreach (var feature in definition.Features)
        {
            if (Column(feature.Name, feature.Type, baseline) is { } column)
            {
                _features.Add(column);
            }
            else
            {
                _unbinned.Add(feature.Name);
            }
        }

        var (prediction, actual) = OutputColumns(definition.Task);
        Prediction = Column(prediction, OutputType(prediction), baseline);
        Actual = Column(actual, OutputType(actual), baseline);
    }

    // A tally holding the baseline side of another, for a current side counted per bin: no values, no outputs.
    private RootCauseTally(RootCauseTally baseline)
    {
        _definition = baseline._definition;
        _losses = baseline._losses;
        _filter = baseline._filter;
        _features.AddRange(baseline._features.Select(feature => feature.CopyBaseline()));
        _unbinned.AddRange(baseline._unbinned);
        Baseline = baseline.Baseline.Copy();
        Prediction = baseline.Prediction?.CopyBaseline();
        Actual = baseline.Actual?.CopyBaseline();
        Sampled = baseline.Sampled;
        PerBin = true;
    }

    // A tally holding a baseline side counted earlier, for a current side then counted per bin.
    private RootCauseTally(RootCauseTally shape, BaselineSideCounts counts, List<BinnedColumn> features, BinnedColumn? prediction, BinnedColumn? actual)
    {
        _definition = shape._definition;
        _losses = shape._losses;
        _filter = shape._filter;
        _features.AddRange(features);
        _unbinned.AddRange(shape._unbinned);
        Baseline = SideTotals.Of(counts.Rows, counts.Labelled, counts.Loss, counts.Squares);
        Prediction = prediction;
        Actual = actual;
        Sampled = counts.Sampled;
        PerBin = true;
    }

    /// <summary>The baseline side's totals.</summary>
    public SideTotals Baseline { get; } = new();

    /// <summary>The current side's totals.</summary>
    public SideTotals Current { get; } = new();

    /// <summary>
    /// True when the current side was counted per bin (<see cref="CopyBaseline"/>): it has no out-of-range counts, and
    /// the prediction's or the actual's bins only where the per-bin state keeps them.
    /// </summary>
    public bool PerBin { get; }

    /// <summary>Every feature with bins, in schema order.</summary>
    public IReadOnlyList<BinnedColumn> Features => _features;

    /// <summary>Numeric features left out: the baseline has no cut points for them.</summary>
    public IReadOnlyList<string> Unbinned => _unbinned;

    /// <summary>The prediction column's bins (the score of a binary classifier); null when a numeric one has no cut points.</summary>
    public BinnedColumn? Prediction { get; private set; }

    /// <summary>The actual column's bins over labelled rows; null when a numeric one has no cut points.</summary>
    public BinnedColumn? Actual { get; private set; }

    /// <summary>True once a block of either side was a sample of its day.</summary>
    public bool Sampled { get; private set; }

    /// <summary>
    /// A tally holding this one's baseline side, whose current side is then counted per bin.
    /// </summary>
    public RootCauseTally CopyBaseline() => new(this);

    /// <summary>
    /// A tally of a model of <paramref name="definition"/> against <paramref name="baseline"/> holding the baseline side
    /// <paramref name="counts"/> (from <see cref="BaselineCounts"/>), whose current side is then counted per bin; null when
    /// the counts have other features or bins than this definition and baseline give.
    /// </summary>
    public static RootCauseTally? WithBaseline(ModelDefinition definition, Baseline baseline, string metric, BaselineSideCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var shape = new RootCauseTally(definition, baseline, metric, new RowFilter([]));
        var features = shape._features.Zip(counts.Features, (feature, counted) => feature.WithBaseline(counted)).ToList();
        var prediction = Load(shape.Prediction, counts.Prediction);
        var actual = Load(shape.Actual, counts.Actual);
        return features.Count != counts.Features.Length || features.Count != shape._features.Count || features.Contains(null)
            || prediction.Refused || actual.Refused
            ? null
            : new RootCauseTally(shape, counts, features!, prediction.Column, actual.Column);
    }

    /// <summary>The baseline side's counts, to be kept and read again through <see cref="WithBaseline"/>.</summary>
    public BaselineSideCounts BaselineCounts() => new(
        Baseline.Rows,
        Baseline.Labelled,
        Baseline.Loss,
        Baseline.Squares,
        [.. _features.Select(feature => feature.BaselineCounts())],
        Prediction?.BaselineCounts(),
        Actual?.BaselineCounts(),
        Sampled);

    /// <summary>Leaves the prediction's bins out: the per-bin state could not count its current side.</summary>
    public void DropPrediction() => Prediction = null;

    /// <summary>Leaves the actual's bins out: the per-bin state could not count its current side.</summary>
    public void DropActual() => Actual = null;

    /// <summary>Counts the rows of <paramref name="block"/> that meet the conditions, on the current side or the baseline's.</summary>
    public void Add(RowBlock block, bool current)
    {
        ArgumentNullException.ThrowIfNull(block);
        Sampled |= block.Sampled;
        var holds = _filter.Bind(block);
        var columns = _features.Select(feature => Find(block, feature.Name)).ToArray();
        for (var row = 0; row < block.Count; row++)
        {
            if (!holds(row))
            {
                continue;
            }

            var loss = _losses.Of(block, row);
            (current ? Current : Baseline).Add(loss);
            for (var f = 0; f < _features.Count; f++)
            {
                AddValue(_features[f], columns[f], row, current, loss);
            }

            AddOutputs(block, row, current);
        }
    }

    private void AddOutputs(RowBlock block, int row, bool current)
    {
        if (Prediction is { } prediction)
        {
            if (prediction.Type == FeatureType.Numeric)
            {
                prediction.AddNumber(current, _definition.Task == ModelTask.Regression ? block.PredictedValues[row] : block.Scores[row], null);
            }
            else
            {
                prediction.AddCategory(current, _definition.PredictedLabel(block.PredictedLabels[row], block.Scores[row]), null);
            }
        }

        if (Actual is { } actual && block.IsLabelled(row))
        {
            if (actual.Type == FeatureType.Numeric)
            {
                actual.AddNumber(current, block.ActualValues[row], null);
            }
            else
            {
                actual.AddCategory(current, block.ActualLabels[row], null);
            }
        }
    }

    private static void AddValue(BinnedColumn feature, RowColumn? column, int row, bool current, double? loss)
    {
        if (feature.Type == FeatureType.Numeric)
        {
            feature.AddNumber(current, column is { Numbers.IsDefaultOrEmpty: false } ? column.Numbers[row] : double.NaN, loss);
        }
        else
        {
            feature.AddCategory(current, column is { Categories.IsDefaultOrEmpty: false } ? column.Categories[row] : null, loss);
        }
    }

    private static RowColumn? Find(RowBlock block, string name)
    {
        foreach (var column in block.Features)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }

    private static (BinnedColumn? Column, bool Refused) Load(BinnedColumn? shape, BaselineColumnCounts? counts) =>
        shape is null || counts is null
            ? (null, shape is not null || counts is not null)
            : shape.WithBaseline(counts) is { } column ? (column, false) : (null, true);

    private static BinnedColumn? Column(string name, FeatureType type, Baseline baseline) => type == FeatureType.Categorical
        ? BinnedColumn.Categorical(name)
        : baseline.FindColumn(name) is { CutPoints.IsDefault: false } reference ? BinnedColumn.Numeric(name, reference.CutPoints) : null;

    private static (string Prediction, string Actual) OutputColumns(ModelTask task) => task switch
    {
        ModelTask.BinaryClassification => (ColumnNames.PredictionScore, ColumnNames.ActualLabel),
        ModelTask.MulticlassClassification => (ColumnNames.PredictionLabel, ColumnNames.ActualLabel),
        _ => (ColumnNames.PredictionValue, ColumnNames.ActualValue),
    };

    private static FeatureType OutputType(string column) =>
        column is ColumnNames.PredictionLabel or ColumnNames.ActualLabel ? FeatureType.Categorical : FeatureType.Numeric;
}
