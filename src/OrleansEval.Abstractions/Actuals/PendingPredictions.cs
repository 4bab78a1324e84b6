using System.Runtime.InteropServices;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Actuals;

/// <summary>
/// Predictions as the label join keeps them until their actuals arrive, column by column: where each was counted
/// (series, bucket, slices) and what it predicted, with its actual when one is known. Series, slices and labels are
/// stored once in tables and referred to by number, so a row costs a few dozen bytes however many slices it is in.
/// The same shape carries a batch from the ingest worker to a join shard and is what a shard persists.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.PendingPredictions")]
public sealed partial class PendingPredictions
{
    private const int NoLabel = -1;
    private const int NoActual = -2;

    [NonSerialized] private Dictionary<SeriesId, int>? _seriesIndex;
    [NonSerialized] private Dictionary<SliceKey, int>? _sliceIndex;
    [NonSerialized] private Dictionary<string, int>? _labelIndex;

    [Id(0)] private readonly List<SeriesId> _series = [];
    [Id(1)] private readonly List<SliceKey> _slices = [];
    [Id(2)] private readonly List<string> _labels = [];
    [Id(3)] private string[] _ids = [];
    [Id(4)] private int[] _seriesOf = [];
    [Id(5)] private long[] _bucketStarts = [];
    [Id(6)] private int[] _sliceEnds = [];
    [Id(7)] private int[] _sliceIds = [];
    [Id(8)] private double[] _scores = [];
    [Id(9)] private int[] _predicted = [];
    [Id(10)] private double[] _predictedValues = [];
    [Id(11)] private int[] _actualLabels = [];
    [Id(12)] private double[] _actualValues = [];
    [Id(13)] private int _count;

    /// <summary>Number of rows.</summary>
    public int Count => _count;

    /// <summary>The prediction id of a row.</summary>
    public string PredictionId(int row) => _ids[row];

    /// <summary>The series a row was counted in.</summary>
    public SeriesId Series(int row) => _series[_seriesOf[row]];

    /// <summary>The start of the bucket a row was counted in (Unix seconds).</summary>
    public long BucketStart(int row) => _bucketStarts[row];

    /// <summary>The slices a row is in.</summary>
    public IEnumerable<SliceKey> Slices(int row)
    {
        for (var i = row == 0 ? 0 : _sliceEnds[row - 1]; i < _sliceEnds[row]; i++)
        {
            yield return _slices[_sliceIds[i]];
        }
    }

    /// <summary>The score of a row's prediction (NaN when it has none).</summary>
    public double Score(int row) => _scores[row];

    /// <summary>The predicted label of a row, if any.</summary>
    public string? Predicted(int row) => LabelAt(_predicted[row]);

    /// <summary>The predicted value of a row (NaN for a classifier).</summary>
    public double PredictedValue(int row) => _predictedValues[row];

    /// <summary>The actual counted for a row, or null.</summary>
    public JoinActual? Actual(int row) =>
        _actualLabels[row] == NoActual ? null : new JoinActual(LabelAt(_actualLabels[row]), _actualValues[row]);

    /// <summary>Adds a prediction; returns its row.</summary>
    public int Add(
        string predictionId,
        SeriesId series,
        long bucketStart,
        ReadOnlySpan<SliceKey> slices,
        double score,
        string? predicted,
        double predictedValue,
        JoinActual? actual)
    {
        ArgumentNullException.ThrowIfNull(predictionId);
        var row = StartRow(predictionId, SeriesNumber(series), bucketStart, slices.Length, score, LabelNumber(predicted), predictedValue);
        var end = row == 0 ? 0 : _sliceEnds[row - 1];
        foreach (var slice in slices)
        {
            _sliceIds[end++] = SliceNumber(slice);
        }

        SetActual(row, actual);
        return row;
    }

    /// <summary>
    /// Copies row <paramref name="row"/> of <paramref name="source"/> here, with <paramref name="actual"/>; returns the
    /// new row. <paramref name="map"/> comes from <see cref="MapTablesOf"/> for the same source.
    /// </summary>
    public int CopyRow(PendingPredictions source, int row, TableMap map, JoinActual? actual)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        var first = row == 0 ? 0 : source._sliceEnds[row - 1];
        var length = source._sliceEnds[row] - first;
        var predicted = source._predicted[row];
        var copy = StartRow(
            source._ids[row],
            map.Series[source._seriesOf[row]],
            source._bucketStarts[row],
            length,
            source._scores[row],
            predicted < 0 ? predicted : map.Labels[predicted],
            source._predictedValues[row]);
        var end = copy == 0 ? 0 : _sliceEnds[copy - 1];
        for (var i = 0; i < length; i++)
        {
            _sliceIds[end + i] = map.Slices[source._sliceIds[first + i]];
        }

        SetActual(copy, actual);
        return copy;
    }

    /// <summary>Where the series, slices and labels of <paramref name="source"/> are in this instance's tables (adding those that are not).</summary>
    public TableMap MapTablesOf(PendingPredictions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new TableMap(
            [.. source._series.Select(SeriesNumber)],
            [.. source._slices.Select(SliceNumber)],
            [.. source._labels.Select(l => LabelNumber(l))]);
    }

    /// <summary>Sets (or, with null, removes) the actual counted for a row.</summary>
    public void SetActual(int row, JoinActual? actual)
    {
        _actualLabels[row] = actual is null ? NoActual : LabelNumber(actual.Label);
        _actualValues[row] = actual?.Value ?? double.NaN;
    }

    /// <summary>
    /// Adds <paramref name="slice"/> to the slices of a row; false, changing nothing, when the row is in it already.
    /// </summary>
    public bool AddSlice(int row, SliceKey slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (Slices(row).Contains(slice))
        {
            return false;
        }

        var number = SliceNumber(slice);
        var used = _sliceEnds[_count - 1];
        if (used == _sliceIds.Length)
        {
            Array.Resize(ref _sliceIds, Math.Max(used + 1, _sliceIds.Length * 2));
        }

        // The row's slices end where the next row's begin: those after move up by one to make room.
        var end = _sliceEnds[row];
        Array.Copy(_sliceIds, end, _sliceIds, end + 1, used - end);
        _sliceIds[end] = number;
        for (var next = row; next < _count; next++)
        {
            _sliceEnds[next]++;
        }

        return true;
    }

    /// <summary>Drops the spare capacity of the columns, for an instance that will not grow again.</summary>
    public void TrimExcess()
    {
        Resize(_count, _count == 0 ? 0 : _sliceEnds[_count - 1]);
    }

    private int StartRow(string id, int series, long bucketStart, int sliceCount, double score, int predicted, double predictedValue)
    {
        var row = _count;
        var sliceStart = row == 0 ? 0 : _sliceEnds[row - 1];
        if (row == _ids.Length || sliceStart + sliceCount > _sliceIds.Length)
        {
            Resize(Math.Max(row + 1, _ids.Length * 2), Math.Max(sliceStart + sliceCount, _sliceIds.Length * 2));
        }

        _ids[row] = id;
        _seriesOf[row] = series;
        _bucketStarts[row] = bucketStart;
        _sliceEnds[row] = sliceStart + sliceCount;
        _scores[row] = score;
        _predicted[row] = predicted;
        _predictedValues[row] = predictedValue;
        _count++;
        return row;
    }

    private void Resize(int rows, int sliceIds)
    {
        Array.Resize(ref _ids, rows);
        Array.Resize(ref _seriesOf, rows);
        Array.Resize(ref _bucketStarts, rows);
        Array.Resize(ref _sliceEnds, rows);
        Array.Resize(ref _scores, rows);
        Array.Resize(ref _predicted, rows);
        Array.Resize(ref _predictedValues, rows);
        Array.Resize(ref _actualLabels, rows);
        Array.Resize(ref _actualValues, rows);
        Array.Resize(ref _sliceIds, sliceIds);
    }

    private string? LabelAt(int number) => number < 0 ? null : _labels[number];

    private int SeriesNumber(SeriesId series) => Intern(ref _seriesIndex, _series, series);

    private int SliceNumber(SliceKey slice) => Intern(ref _sliceIndex, _slices, slice);

    private int LabelNumber(string? label) => label is null ? NoLabel : Intern(ref _labelIndex, _labels, label);

    private static int Intern<T>(ref Dictionary<T, int>? index, List<T> table, T value)
        where T : notnull
    {
        index ??= table.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(index, value, out var exists);
        if (!exists)
        {
            number = table.Count;
            table.Add(value);
        }

        return number;
    }

    /// <summary>Where one instance's table entries are in another's: series, slices and labels by number.</summary>
    public sealed record TableMap(int[] Series, int[] Slices, int[] Labels)
    {
        /// <summary>
        /// True when the map still covers every table entry of <paramref name="source"/>: false once rows added to the
        /// source since the map was made brought series, slices or labels it did not have.
        /// </summary>
        public bool Covers(PendingPredictions source)
        {
            ArgumentNullException.ThrowIfNull(source);
            return Series.Length == source._series.Count && Slices.Length == source._slices.Count && Labels.Length == source._labels.Count;
        }
    }
}
