using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// Collects the outcome rows a join produces, per series and slice family, to send each family one call. They carry no
/// threshold or calibration: outcomes only move realised metrics.
/// </summary>
internal sealed class OutcomeEmitter
{
    private readonly Dictionary<(SeriesId Series, string Family), ImmutableArray<OutcomeRow>.Builder> _rows = [];

    // The rows added by Add, as the shard keeps them until their families have stored the outcomes.
    private readonly PendingPredictions _kept = new();
    private readonly List<int> _weights = [];
    private readonly Dictionary<PendingPredictions, PendingPredictions.TableMap> _maps = new(ReferenceEqualityComparer.Instance);

    /// <summary>The deltas of a kept entry, as they were first sent.</summary>
    public static OutcomeEmitter Of(JoinOutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var emitter = new OutcomeEmitter();
        for (var i = 0; i < entry.Rows.Count; i++)
        {
            foreach (var slice in entry.Rows.Slices(i))
            {
                emitter.AddTo(slice, entry.Rows, i, entry.Rows.Actual(i)!, entry.Weights[i]);
            }
        }

        return emitter;
    }

    /// <summary>Counts (weight 1) or takes back (weight −1) <paramref name="actual"/> for row <paramref name="row"/> of <paramref name="predictions"/>.</summary>
    public void Add(PendingPredictions predictions, int row, JoinActual actual, int weight)
    {
        foreach (var slice in predictions.Slices(row))
        {
            AddTo(slice, predictions, row, actual, weight);
        }

        // A source may be the open segment's rows, which gain series, slices and labels as the batch appends to them:
        // a map made before then would not reach the new ones, so it is made again.
        if (!_maps.TryGetValue(predictions, out var map) || !map.Covers(predictions))
        {
            map = _kept.MapTablesOf(predictions);
            _maps[predictions] = map;
        }

        _kept.CopyRow(predictions, row, map, actual);
        _weights.Add(weight);
    }

    /// <summary>
    /// The rows <see cref="Add"/> took, to keep until their families store them, as the <paramref name="order"/>th batch the
    /// shard applied that sent outcomes; null when there are none.
    /// </summary>
    public JoinOutboxEntry? Kept(LogPosition position, long order) =>
        _kept.Count == 0 ? null : new JoinOutboxEntry { Position = position, Rows = _kept, Weights = _weights, Order = order };

    /// <summary>Counts (weight 1) or takes back (weight −1) <paramref name="actual"/> for the row in <paramref name="slice"/> alone.</summary>
    public void AddTo(SliceKey slice, PendingPredictions predictions, int row, JoinActual actual, int weight)
    {
        ArgumentNullException.ThrowIfNull(slice);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(actual);
        var series = predictions.Series(row);
        if (!_rows.TryGetValue((series, slice.Family), out var rows))
        {
            rows = ImmutableArray.CreateBuilder<OutcomeRow>();
            _rows.Add((series, slice.Family), rows);
        }

        rows.Add(new OutcomeRow(
            slice.Member,
            predictions.BucketStart(row),
            predictions.Score(row),
            predictions.Predicted(row),
            predictions.PredictedValue(row),
            actual.Label,
            actual.Value,
            weight));
    }

    /// <summary>One delta per series and family, at <paramref name="position"/> (the batch's, through the shard).</summary>
    public IEnumerable<(SeriesId Series, string Family, SliceDelta Delta)> Deltas(LogPosition position, ModelTask task, string positiveLabel) =>
        _rows.Select(r => (r.Key.Series, r.Key.Family, new SliceDelta(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{position.Log}/{position.Sequence}"), [], r.Value.ToImmutable(), task, positiveLabel, double.NaN, [])
        {
            Position = position,
        }));
}
