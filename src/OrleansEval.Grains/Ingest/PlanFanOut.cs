using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Makes the grain calls of a logged plan, the same whether the ingest worker sends a new batch or the ingest log
/// replays one: series registered with the model, predictions registered with their join shards (which count the
/// outcomes in the slices), then every column chunk, slice delta and series' rows in parallel; or late actuals joined
/// and kept in the row store. Every call
/// carries the entry's log position, by which the grains ignore what they already applied.
/// </summary>
internal static class PlanFanOut
{
    /// <summary>
    /// Fans <paramref name="plan"/> of <paramref name="modelId"/> out through <paramref name="grains"/> at
    /// <paramref name="position"/>; answers the late actuals that matched no prediction, by index. Series in
    /// <paramref name="registered"/> (which is updated) are not registered again; null registers every series.
    /// </summary>
    public static async Task<ImmutableArray<UnmatchedActual>> RunAsync(
        IGrainFactory grains, string modelId, IngestPlan plan, LogPosition position, HashSet<SeriesId>? registered = null)
    {
        foreach (var series in plan.Series)
        {
            if (registered is null || !registered.Contains(series))
            {
                await grains.GetGrain<IModelGrain>(modelId).RegisterSeriesAsync(series);
                registered?.Add(series);
            }
        }

        // The join counts every outcome (the record's own actual, or one that waited for it) in the slices.
        await Task.WhenAll(plan.Predictions.Select(p =>
            grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, p.Shard)).RegisterAsync(position, plan.Task, plan.PositiveLabel, p.Packed)));

        var deltas = PlanDeltas.Of(modelId, plan);
        var calls = new List<Task>(plan.Chunks.Length + deltas.Length);
        calls.AddRange(plan.Chunks.Select(c => grains.GetGrain<IFeatureGrain>(c.FeatureKey).ApplyAsync(c.Chunk with { Position = position })));
        calls.AddRange(deltas.Select(d => grains.GetGrain<ISliceGrain>(d.SliceGrainKey).ApplyAsync(d.Delta with { Position = position })));
        var chunksOf = plan.Rows.IsDefaultOrEmpty ? null : plan.Chunks.ToLookup(c => FeatureKey.Parse(c.FeatureKey).Series);
        calls.AddRange(plan.Rows.Select(r => grains.GetGrain<IRowGrain>(RowGrainKey.For(modelId, r.Series).ToString()).ApplyAsync(RowsOf(plan, r, chunksOf![r.Series], position))));
        await Task.WhenAll(calls);

        if (plan.Actuals.IsDefaultOrEmpty)
        {
            return [];
        }

        // The row store keeps the actuals beside the join, not before it: neither waits for the other.
        var kept = grains.GetGrain<IRowGrain>(RowGrainKey.Actuals(modelId).ToString())
            .ApplyActualsAsync(position, plan.Received, [.. plan.Actuals.SelectMany(a => a.Actuals)]);
        var joined = Task.WhenAll(plan.Actuals.Select(a =>
            grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, a.Shard)).ApplyActualsAsync(position, a.Actuals)));
        await Task.WhenAll(kept, joined);
        var outcomes = await joined;
        var unmatched = ImmutableArray.CreateBuilder<UnmatchedActual>();
        for (var i = 0; i < outcomes.Length; i++)
        {
            var actuals = plan.Actuals[i].Actuals;
            for (var j = 0; j < actuals.Length; j++)
            {
                if (outcomes[i][j] == JoinResult.Held)
                {
                    unmatched.Add(new UnmatchedActual(actuals[j].Index, actuals[j].PredictionId));
                }
            }
        }

        unmatched.Sort((a, b) => a.Index.CompareTo(b.Index));
        return unmatched.ToImmutable();
    }

    /// <summary>The grains a plan changes, by kind: the ingest log checkpoints them before it trims the entry.</summary>
    public static PlanTargets Targets(string modelId, IngestPlan plan) => new(
        [.. plan.Chunks.Select(c => c.FeatureKey)],
        [.. PlanDeltas.Keys(modelId, plan)],
        [.. plan.Predictions.Select(p => p.Shard).Concat(plan.Actuals.Select(a => a.Shard)).Distinct().Select(s => LabelJoinKey.For(modelId, s))],
        [.. plan.Rows.Select(r => RowGrainKey.For(modelId, r.Series).ToString())
            .Concat(plan.Actuals.IsDefaultOrEmpty ? [] : [RowGrainKey.Actuals(modelId).ToString()])]);

    // A series' rows with the chunks of its columns, which hold their values in the same record order.
    private static RowBatch RowsOf(IngestPlan plan, SeriesRows rows, IEnumerable<KeyedChunk> chunks, LogPosition position) =>
        new(position, plan.Revision, plan.Received, rows, [.. chunks]);
}
