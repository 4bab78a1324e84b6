using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansEval.Sketches.Performance;

/// <summary>
/// Mergeable, subtractable confusion counts of a multiclass classifier over one slice and time bucket, keyed by
/// (true label, predicted label), from which accuracy and the macro, micro and weighted precision, recall and F1 follow
/// exactly as scikit-learn defines them. <see cref="Remove"/> takes back exactly what <see cref="Add"/> put in.
/// </summary>
/// <remarks>
/// <para>
/// The labels of the metrics are the labels with at least one row, as truth or as prediction, in ordinal order (the
/// sorted union scikit-learn uses); a label whose last row is removed drops out, so the metrics and the bytes are those
/// of a state that never saw the row. Only non-zero cells are stored (a sparse K×K matrix), with per-label totals.
/// </para>
/// <para>
/// Counting a pair of labels already seen allocates nothing. Labels compare by ordinal and must be well-formed UTF-16 so
/// that they survive the UTF-8 round trip. A label whose rows were all removed keeps its index in memory (not in the
/// bytes) until the state is read back. Instances are not thread-safe.
/// </para>
/// </remarks>
public sealed partial class MulticlassPerformanceState
{
    private readonly Dictionary<string, int> _labelIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> _cells = [];
    private string[] _labels = new string[8];
    private long[] _truthTotals = new long[8];
    private long[] _predictedTotals = new long[8];
    private long[] _diagonal = new long[8];
    private long _count;
    private long _correct;

    /// <summary>Rows counted.</summary>
    public long Count => _count;

    /// <summary>True when no row is counted.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>Rows whose prediction equals the truth.</summary>
    public long Correct => _correct;

    /// <summary>The labels with at least one row, as truth or as prediction, in ordinal order.</summary>
    public IReadOnlyList<string> Labels => ActiveLabels();

    /// <summary>Rows with truth <paramref name="trueLabel"/> and prediction <paramref name="predictedLabel"/>.</summary>
    public long CountOf(string trueLabel, string predictedLabel)
    {
        ArgumentNullException.ThrowIfNull(trueLabel);
        ArgumentNullException.ThrowIfNull(predictedLabel);
        return _labelIndex.TryGetValue(trueLabel, out var t) && _labelIndex.TryGetValue(predictedLabel, out var p)
            ? _cells.GetValueOrDefault(CellKey(t, p))
            : 0;
    }

    /// <summary>Counts one row.</summary>
    /// <exception cref="ArgumentException">A label holds an unpaired surrogate.</exception>
    public void Add(string trueLabel, string predictedLabel)
    {
        ArgumentNullException.ThrowIfNull(trueLabel);
        ArgumentNullException.ThrowIfNull(predictedLabel);
        var count = checked(_count + 1);
        var t = IndexOf(trueLabel, nameof(trueLabel));
        var p = IndexOf(predictedLabel, nameof(predictedLabel));
        AddCell(t, p, 1);
        _count = count;
    }

    /// <summary>Takes back one row counted by <see cref="Add"/> with the same labels.</summary>
    /// <exception cref="InvalidOperationException">No such row is counted; the state is unchanged.</exception>
    public void Remove(string trueLabel, string predictedLabel)
    {
        ArgumentNullException.ThrowIfNull(trueLabel);
        ArgumentNullException.ThrowIfNull(predictedLabel);
        if (!_labelIndex.TryGetValue(trueLabel, out var t) || !_labelIndex.TryGetValue(predictedLabel, out var p))
        {
            throw NotCounted();
        }

        var key = CellKey(t, p);
        ref var cell = ref CollectionsMarshal.GetValueRefOrNullRef(_cells, key);
        if (Unsafe.IsNullRef(ref cell))
        {
            throw NotCounted();
        }

        if (--cell == 0)
        {
            _cells.Remove(key);
        }

        _truthTotals[t]--;
        _predictedTotals[p]--;
        if (t == p)
        {
            _diagonal[t]--;
            _correct--;
        }

        _count--;
    }

    /// <summary>Adds every row of <paramref name="other"/>, which is left unchanged.</summary>
    public void Merge(MulticlassPerformanceState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return;
        }

        if (ReferenceEquals(other, this))
        {
            other = Clone();
        }

        var count = checked(_count + other._count);
        var map = new int[other._labelIndex.Count];
        foreach (var (label, index) in other._labelIndex)
        {
            map[index] = other.ActiveAt(index) ? IndexOf(label, nameof(other)) : -1;
        }

        foreach (var (key, value) in other._cells)
        {
            AddCell(map[(int)(key >> 32)], map[(int)(key & 0xFFFF_FFFF)], value);
        }

        _count = count;
    }

    /// <summary>An independent copy.</summary>
    public MulticlassPerformanceState Clone()
    {
        var copy = new MulticlassPerformanceState();
        copy.Merge(this);
        return copy;
    }

    private static long CellKey(int trueIndex, int predictedIndex) => ((long)trueIndex << 32) | (uint)predictedIndex;

    private static InvalidOperationException NotCounted() =>
        new("The row to remove is not counted in this state; it was never added, already removed, or added with other labels.");

    private bool ActiveAt(int index) => _truthTotals[index] != 0 || _predictedTotals[index] != 0;

    private void AddCell(int t, int p, long value)
    {
        ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_cells, CellKey(t, p), out _);
        cell = checked(cell + value);
        _truthTotals[t] += value;
        _predictedTotals[p] += value;
        if (t == p)
        {
            _diagonal[t] += value;
            _correct += value;
        }
    }

    private int IndexOf(string label, string parameterName)
    {
        if (_labelIndex.TryGetValue(label, out var index))
        {
            return index;
        }

        if (!PerformanceFormat.IsWellFormed(label))
        {
            throw new ArgumentException("A label must not contain an unpaired surrogate.", parameterName);
        }

        index = _labelIndex.Count;
        if (index == _labels.Length)
        {
            var capacity = checked(index * 2);
            Array.Resize(ref _labels, capacity);
            Array.Resize(ref _truthTotals, capacity);
            Array.Resize(ref _predictedTotals, capacity);
            Array.Resize(ref _diagonal, capacity);
        }

        _labelIndex.Add(label, index);
        _labels[index] = label;
        return index;
    }

    /// <summary>The indices of the active labels, in ordinal order of the label.</summary>
    private int[] ActiveIndices()
    {
        var active = new List<int>(_labelIndex.Count);
        for (var i = 0; i < _labelIndex.Count; i++)
        {
            if (ActiveAt(i))
            {
                active.Add(i);
            }
        }

        var result = active.ToArray();
        Array.Sort(result, (x, y) => string.CompareOrdinal(_labels[x], _labels[y]));
        return result;
    }

    private string[] ActiveLabels() => Array.ConvertAll(ActiveIndices(), i => _labels[i]);
}
