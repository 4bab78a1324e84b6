using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Actuals;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// The label join's share of a backfill: asks each join shard, in one call for several parts, to make the predictions
/// it holds members of the slice and to count their actuals there (<see cref="ILabelJoinGrain.AdoptSliceAsync"/>);
/// the parts' own deltas then carry every prediction, and the outcomes only of the predictions the join does not hold.
/// </summary>
internal sealed class BackfillJoin(IGrainFactory grains, string modelId, SliceKey slice, int shards)
{
    /// <summary>The deltas of <paramref name="parts"/>, once the join has counted the outcomes of the predictions it holds.</summary>
    public async Task<IReadOnlyList<KeyedDelta>> CountAsync(IReadOnlyList<BackfillPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var asked = new Dictionary<int, List<(int Part, SliceAdoption Adoption)>>();
        for (var p = 0; p < parts.Count; p++)
        {
            foreach (var ids in parts[p].PredictionIds.GroupBy(id => JoinShard.Of(id, shards)))
            {
                if (!asked.TryGetValue(ids.Key, out var list))
                {
                    list = [];
                    asked.Add(ids.Key, list);
                }

                list.Add((p, new SliceAdoption(parts[p].Delta.Position!, parts[p].Series, [.. ids])));
            }
        }

        var answers = await Task.WhenAll(asked.Select(a =>
            grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, a.Key)).AdoptSliceAsync(slice, [.. a.Value.Select(v => v.Adoption)])));
        var joined = parts.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        foreach (var (list, held) in asked.Values.Zip(answers))
        {
            var at = 0;
            foreach (var (part, adoption) in list)
            {
                foreach (var id in adoption.PredictionIds)
                {
                    if (held[at++])
                    {
                        joined[part].Add(id);
                    }
                }
            }
        }

        return [.. parts.Select((part, p) => part.Without(joined[p]))];
    }
}
