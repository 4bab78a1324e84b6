using System.Collections.Immutable;
using System.Runtime.InteropServices;
using OrleansEval.Actuals;
using OrleansEval.Grains.Slices;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Checks a batch against the model and pivots it into the grain calls it makes — one chunk per column, one delta per
/// slice family, one registration per join shard — with the answer it gets. Nothing is called here: the plan is
/// logged first and fanned out by <see cref="PlanFanOut"/>. The plan is stamped with when the store took the batch
/// (<c>received</c>, its clock): the time its rows and late actuals arrived.
/// </summary>
internal sealed class IngestPlanner(
    string modelId, ModelSnapshot snapshot, RecordValidator validator, SliceRouter router, Func<string, int> shardOf, DateTimeOffset received)
{
    /// <summary>The plan of a batch of records, and its answer.</summary>
    public (IngestPlan Plan, BatchAnswer Answer) Records(IngestBatch batch)
    {
        var definition = snapshot.Definition;
        var rejected = batch.AlreadyRejected.ToBuilder();
        var bySeries = new Dictionary<SeriesId, (SeriesColumns Columns, SeriesRowsBuilder Rows)>();
        var shardOrder = new List<byte>();
        var numbers = new double[validator.Columns.Count];
        var categories = new string?[validator.Columns.Count];
        var slices = new List<SliceKey>();
        var shards = new SortedDictionary<int, PendingPredictions>();
        foreach (var record in batch.Records)
        {
            var error = validator.Validate(record, numbers, categories, out var series, out var typeErrorColumn);
            if (error is not null && typeErrorColumn < 0)
            {
                rejected.Add(new RecordRejection(record.Index, error));
                continue;
            }

            if (!bySeries.TryGetValue(series, out var seriesBatch))
            {
                seriesBatch = (new SeriesColumns(validator.Columns), new SeriesRowsBuilder(series, definition.Tags));
                bySeries.Add(series, seriesBatch);
            }

            var bucket = TimeWindow.BucketStart(record.Timestamp, definition.Bucket);
            if (error is not null)
            {
                rejected.Add(new RecordRejection(record.Index, error));
                seriesBatch.Columns.AddTypeError(typeErrorColumn, bucket);
                continue;
            }

            // The same record order as every column chunk of the series: the row store reads them side by side.
            seriesBatch.Columns.Add(bucket, numbers, categories);
            seriesBatch.Rows.Add(record);
            var pair = validator.PredictionAndActual(numbers, categories);
            if (!pair.HasPrediction)
            {
                continue;
            }

            slices.Clear();
            router.Route(record, numbers, categories, slices);
            var actual = pair.HasActual ? new JoinActual(pair.ActualLabel, pair.ActualValue) : null;
            var shard = shardOf(record.PredictionId);
            if (!shards.TryGetValue(shard, out var pending))
            {
                pending = new PendingPredictions();
                shards.Add(shard, pending);
            }

            pending.Add(record.PredictionId, series, bucket, CollectionsMarshal.AsSpan(slices), pair.Score, pair.Predicted, pair.PredictedValue, actual);
            PlanDeltas.AddShard(shardOrder, shard);
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        var chunks = ImmutableArray.CreateBuilder<KeyedChunk>();
        foreach (var (series, (columns, _)) in bySeries)
        {
            foreach (var (column, chunk) in columns.ToChunks(batch.BatchId, definition.Bucket))
            {
                chunks.Add(new KeyedChunk(FeatureKey.For(modelId, series, column.Name).ToString(), chunk));
            }
        }

        var plan = new IngestPlan
        {
            Series = [.. bySeries.Keys],
            Predictions = [.. shards.Select(s => new ShardPredictions(s.Key, s.Value))],
            Chunks = chunks.ToImmutable(),
            Slicing = new PlanSlicing(batch.BatchId, definition.Threshold, snapshot.Calibration, definition.Bucket, [.. shardOrder]),
            Task = definition.Task,
            PositiveLabel = definition.PositiveLabel,
            Rows = [.. bySeries.Values.Where(s => s.Columns.Rows > 0).Select(s => s.Rows.Build())],
            Revision = snapshot.Revision,
            Received = received,
        };
        return (plan, new BatchAnswer(bySeries.Values.Sum(s => s.Columns.Rows), rejected.ToImmutable(), []));
    }

    /// <summary>The plan of a batch of late actuals, and its answer (without the unmatched ones, which the join decides).</summary>
    public (IngestPlan Plan, BatchAnswer Answer) Actuals(ImmutableArray<ActualRecord> actuals)
    {
        var rejected = ImmutableArray.CreateBuilder<RecordRejection>();
        var shards = new SortedDictionary<int, ImmutableArray<LateActual>.Builder>();
        foreach (var record in actuals)
        {
            var error = validator.ValidateActual(record.Actual, out var value, out var label);
            if (error is not null)
            {
                rejected.Add(new RecordRejection(record.Index, error));
                continue;
            }

            var shard = shardOf(record.PredictionId);
            if (!shards.TryGetValue(shard, out var late))
            {
                late = ImmutableArray.CreateBuilder<LateActual>();
                shards.Add(shard, late);
            }

            late.Add(new LateActual(record.Index, record.PredictionId, new JoinActual(label, value)));
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        var plan = new IngestPlan
        {
            Actuals = [.. shards.Select(s => new ShardActuals(s.Key, s.Value.ToImmutable()))],
            Task = snapshot.Definition.Task,
            PositiveLabel = snapshot.Definition.PositiveLabel,
            Received = received,
        };
        return (plan, new BatchAnswer(shards.Values.Sum(s => s.Count), rejected.ToImmutable(), []));
    }
}
