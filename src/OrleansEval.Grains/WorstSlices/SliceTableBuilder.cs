using System.Runtime.InteropServices;
using OrleansEval.Baselines;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Sketches.Slicing;

namespace OrleansEval.Grains.WorstSlices;

/// <summary>
/// Turns row blocks into the table a search runs on, block by block so no block is held: the labelled rows the metric
/// applies to, each categorical feature by value, each numeric feature by the bin of the baseline's cut points, each
/// tag by value (after the features, by name), and each row's loss.
/// </summary>
internal sealed class SliceTableBuilder
{
    private readonly RowErrors _errors;
    private readonly List<CodedColumn> _features = [];
    private readonly SortedDictionary<string, CodedColumn> _tags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _featureNames = new(StringComparer.Ordinal);
    private readonly ChunkedBuffer<double> _losses = new();
    private readonly ChunkedBuffer<bool> _correct = new();

    /// <summary>A builder for a model of <paramref name="definition"/> scored by <paramref name="metric"/>, binned on <paramref name="baseline"/>.</summary>
    public SliceTableBuilder(ModelDefinition definition, string metric, Baseline? baseline)
    {
        _errors = new RowErrors(definition, metric);
        var unbinned = new List<string>();
        foreach (var feature in definition.Features)
        {
            _featureNames.Add(feature.Name);
            if (feature.Type == FeatureType.Categorical)
            {
                _features.Add(CodedColumn.Categorical(feature.Name));
            }
            else if (baseline?.FindColumn(feature.Name) is { CutPoints.IsDefault: false } reference)
            {
                _features.Add(CodedColumn.Binned(feature.Name, reference.CutPoints));
            }
            else
            {
                unbinned.Add(feature.Name);
            }
        }

        Unbinned = unbinned;
    }

    /// <summary>Numeric features left out: the baseline has no cut points for them (or there is no baseline).</summary>
    public IReadOnlyList<string> Unbinned { get; }

    /// <summary>Rows kept so far.</summary>
    public int Rows => _losses.Count;

    /// <summary>True once a block was a sample of its day.</summary>
    public bool Sampled { get; private set; }

    /// <summary>Rows kept so far that a classifier predicted right.</summary>
    public int CorrectRows { get; private set; }

    /// <summary>True for a classifier, whose rows have an accuracy.</summary>
    public bool Classifier => _errors.Classifier;

    /// <summary>Adds the labelled rows of <paramref name="block"/> that the metric applies to.</summary>
    public void Add(RowBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        Sampled |= block.Sampled;
        var kept = new List<int>();
        for (var row = 0; row < block.Count; row++)
        {
            if (_errors.Judge(block, row) is ({ } loss, var correct))
            {
                kept.Add(row);
                _losses.Add(loss);
                _correct.Add(correct);
                CorrectRows += correct ? 1 : 0;
            }
        }

        if (kept.Count == 0)
        {
            return;
        }

        var before = Rows - kept.Count;
        foreach (var column in _features)
        {
            AppendFrom(column, block.Features, kept);
        }

        foreach (var tag in block.Tags)
        {
            if (!_featureNames.Contains(tag.Name) && !_tags.ContainsKey(tag.Name))
            {
                var column = CodedColumn.Categorical(tag.Name);
                column.PadTo(before);
                _tags[tag.Name] = column;
            }
        }

        foreach (var column in _tags.Values)
        {
            AppendFrom(column, block.Tags, kept);
        }
    }

    /// <summary>The table of every row added: feature columns in schema order, then tags by name.</summary>
    public (SliceTable Table, IReadOnlyList<CodedColumn> Columns) Build()
    {
        var columns = _features.Concat(_tags.Values).ToList();
        return (new SliceTable([.. columns.Select(column => column.ToSliceColumn())], _losses.ToArray()), columns);
    }

    /// <summary>Whether each row kept was predicted right (classifiers), in table order.</summary>
    public bool[] Correct() => _correct.ToArray();

    private void AppendFrom(CodedColumn column, IReadOnlyList<RowColumn> source, List<int> kept)
    {
        foreach (var candidate in source)
        {
            if (string.Equals(candidate.Name, column.Name, StringComparison.Ordinal))
            {
                column.Append(candidate, CollectionsMarshal.AsSpan(kept));
                return;
            }
        }

        column.PadTo(Rows);
    }
}
