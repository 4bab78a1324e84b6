using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Rows;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// Turns kept rows into the deltas a named slice's family would have received had the slice existed when they arrived:
/// every row counted under a model revision earlier than the slice's own (later ones reached the slice live) that has a
/// prediction and meets the slice's conditions adds its prediction and, when it has an actual now, one outcome with it
/// (the live path's count after every correction) — unless the label join still holds the prediction, which then counts
/// the outcome itself (<see cref="BackfillPart.Without"/>). Rows are cut per series and UTC day into deltas of at most
/// <see cref="ChunkRows"/> predictions, each at a position of its own in the backfill's log,
/// <c>backfill:{slice}@{revision}</c>, sequence <c>day × 1,000,000 + part</c>: a slice family that holds a position
/// never counts its rows again.
/// </summary>
internal sealed class BackfillDeltas(string modelId, ModelSnapshot model, SliceDefinition slice)
{
    /// <summary>Most predictions in one delta.</summary>
    public const int ChunkRows = 4096;

    private const long PartsPerDay = 1_000_000;

    private readonly RowFilter _filter = new(slice.Conditions);
    private readonly string _member = SliceKey.OfUser(slice.Name, slice.Generation).Member;
    private readonly string _family = SliceKey.UserFamily(slice.Name, slice.Generation);
    private readonly Dictionary<SeriesId, Part> _parts = [];
    private long _day = long.MinValue;

    /// <summary>The backfill's log: the slice's name and the revision that defined it.</summary>
    public string Log { get; } = string.Create(CultureInfo.InvariantCulture, $"backfill:{slice.Name}@{slice.Revision}");

    /// <summary>Rows counted into the slice so far.</summary>
    public long RowsCounted { get; private set; }

    /// <summary>Rows read so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>True once a block read was a sample of its day.</summary>
    public bool Sampled { get; private set; }

    /// <summary>The latest event time counted, or null.</summary>
    public DateTimeOffset? Through { get; private set; }

    /// <summary>
    /// Takes a block (blocks come in descending day order) and answers the deltas that are complete: every part of the
    /// days before the block's, and the block's own parts that are full.
    /// </summary>
    public IEnumerable<BackfillPart> Add(RowBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Count == 0)
        {
            return [];
        }

        var ready = new List<BackfillPart>();
        var day = (long)Math.Floor(block.Timestamps[0].ToUnixTimeSeconds() / 86_400d);
        if (day != _day)
        {
            ready.AddRange(Flush());
            _day = day;
        }

        RowsRead += block.Count;
        Sampled |= block.Sampled;
        var part = PartOf(block.Series);
        foreach (var row in _filter.Rows(block))
        {
            if (block.Revisions[row] >= slice.Revision || !HasPrediction(block, row))
            {
                continue;
            }

            Count(block, row, part);
            if (part.Predictions.Count == ChunkRows)
            {
                ready.Add(Close(block.Series, part));
            }
        }

        return ready;
    }

    /// <summary>Every delta not yet answered.</summary>
    public IEnumerable<BackfillPart> Flush()
    {
        var ready = _parts.Where(p => p.Value.Predictions.Count > 0).Select(p => Close(p.Key, p.Value)).ToList();
        _parts.Clear();
        return ready;
    }

    private static bool HasPrediction(RowBlock block, int row) => block.PredictedLabels[row] is not null || !double.IsNaN(block.PredictedValues[row]);

    private Part PartOf(SeriesId series)
    {
        if (!_parts.TryGetValue(series, out var part))
        {
            part = new Part();
            _parts.Add(series, part);
        }

        return part;
    }

    private void Count(RowBlock block, int row, Part part)
    {
        var bucket = TimeWindow.BucketStart(block.Timestamps[row], model.Definition.Bucket);
        var (score, predicted, predictedValue) = (block.Scores[row], block.PredictedLabels[row], block.PredictedValues[row]);
        part.Predictions.Add(new PredictionRow(_member, bucket, score, predicted, predictedValue));
        part.PredictionIds.Add(block.PredictionIds[row]);
        if (block.IsLabelled(row))
        {
            part.Outcomes.Add(new OutcomeRow(_member, bucket, score, predicted, predictedValue, block.ActualLabels[row], block.ActualValues[row], 1));
            part.OutcomeIds.Add(block.PredictionIds[row]);
        }

        RowsCounted++;
        if (Through is null || block.Timestamps[row] > Through)
        {
            Through = block.Timestamps[row];
        }
    }

    private BackfillPart Close(SeriesId series, Part part)
    {
        var position = new LogPosition(Log, (_day * PartsPerDay) + part.Number, 0);
        var definition = model.Definition;
        var delta = new SliceDelta(
            string.Create(CultureInfo.InvariantCulture, $"{Log}/{position.Sequence}"),
            part.Predictions.ToImmutable(),
            part.Outcomes.ToImmutable(),
            definition.Task,
            definition.PositiveLabel,
            definition.Threshold,
            model.Calibration)
        {
            Bucket = definition.Bucket,
            Position = position,
        };
        var closed = new BackfillPart(SliceGrainKey.For(modelId, series, _family), series, delta, part.PredictionIds.ToImmutable(), part.OutcomeIds.ToImmutable());
        part.Number++;
        part.Predictions.Clear();
        part.Outcomes.Clear();
        part.PredictionIds.Clear();
        part.OutcomeIds.Clear();
        return closed;
    }

    /// <summary>The delta being filled for one series and day, and how many of that day's were closed before it.</summary>
    private sealed class Part
    {
        public long Number { get; set; }

        public ImmutableArray<PredictionRow>.Builder Predictions { get; } = ImmutableArray.CreateBuilder<PredictionRow>();

        public ImmutableArray<OutcomeRow>.Builder Outcomes { get; } = ImmutableArray.CreateBuilder<OutcomeRow>();

        public ImmutableArray<string>.Builder PredictionIds { get; } = ImmutableArray.CreateBuilder<string>();

        public ImmutableArray<string>.Builder OutcomeIds { get; } = ImmutableArray.CreateBuilder<string>();
    }
}
