using System.Buffers.Binary;
using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Grains.Slices;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// The slice deltas of a plan. Plans of the first layouts carry them; a plan with <see cref="IngestPlan.Slicing"/>
/// leaves them out of the log, as they are a function of its join registrations: every prediction, in every slice it
/// is registered in, with its bucket, score and predicted label or value. They are derived here, walking the
/// registrations in the batch's order, so a derived delta equals, row for row, the one the batch would have logged.
/// </summary>
internal static class PlanDeltas
{
    /// <summary>One delta per series and slice family the plan's predictions are in.</summary>
    public static ImmutableArray<KeyedDelta> Of(string modelId, IngestPlan plan)
    {
        if (plan.Slicing is not { } slicing)
        {
            return plan.Deltas.IsDefault ? [] : plan.Deltas;
        }

        var bySeries = new Dictionary<SeriesId, SliceDeltaBuilder>();
        foreach (var (rows, row) in InBatchOrder(plan, slicing))
        {
            var series = rows.Series(row);
            if (!bySeries.TryGetValue(series, out var deltas))
            {
                deltas = new SliceDeltaBuilder();
                bySeries.Add(series, deltas);
            }

            var prediction = new PredictionRow("", rows.BucketStart(row), rows.Score(row), rows.Predicted(row), rows.PredictedValue(row));
            foreach (var slice in rows.Slices(row))
            {
                deltas.AddPrediction(slice, prediction);
            }
        }

        return [.. bySeries.SelectMany(s => s.Value.Build(slicing.BatchId, plan.Task, plan.PositiveLabel, slicing.Threshold, slicing.Calibration, slicing.Bucket)
            .Select(f => new KeyedDelta(SliceGrainKey.For(modelId, s.Key, f.Family), f.Delta)))];
    }

    /// <summary>The slice-family grains the plan's deltas go to, without building the deltas.</summary>
    public static IEnumerable<string> Keys(string modelId, IngestPlan plan)
    {
        if (plan.Slicing is null)
        {
            return plan.Deltas.IsDefault ? [] : plan.Deltas.Select(d => d.SliceGrainKey);
        }

        var families = new HashSet<(SeriesId, string)>();
        foreach (var shard in plan.Predictions)
        {
            for (var row = 0; row < shard.Rows.Count; row++)
            {
                foreach (var slice in shard.Rows.Slices(row))
                {
                    families.Add((shard.Rows.Series(row), slice.Family));
                }
            }
        }

        return families.Select(f => SliceGrainKey.For(modelId, f.Item1, f.Item2));
    }

    /// <summary>The shard order of a batch's predictions, as <see cref="PlanSlicing.ShardOrder"/> keeps it.</summary>
    public static void AddShard(List<byte> order, int shard)
    {
        order.Add((byte)shard);
        order.Add((byte)(shard >> 8));
    }

    // Every registered prediction, in the order the batch gave them: the shard of each in turn, and its next row.
    private static IEnumerable<(PendingPredictions Rows, int Row)> InBatchOrder(IngestPlan plan, PlanSlicing slicing)
    {
        var byShard = new Dictionary<int, (PendingPredictions Rows, int Next)>();
        foreach (var shard in plan.Predictions)
        {
            byShard.Add(shard.Shard, (shard.Rows, 0));
        }

        for (var at = 0; at + 1 < slicing.ShardOrder.Length; at += 2)
        {
            var shard = BinaryPrimitives.ReadUInt16LittleEndian(slicing.ShardOrder.AsSpan(at, 2));
            var (rows, next) = byShard[shard];
            byShard[shard] = (rows, next + 1);
            yield return (rows, next);
        }
    }
}
