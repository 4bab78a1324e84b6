namespace OrleansEval.Grains.Actuals;

/// <summary>Which label-join shard of a model keeps a prediction: a stable hash of its id over the shards.</summary>
internal static class JoinShard
{
    /// <summary>The shard of <paramref name="predictionId"/> among <paramref name="shards"/>.</summary>
    public static int Of(string predictionId, int shards) => (int)(Sketches.Categories.StableHash.Hash64(predictionId) % (ulong)shards);
}
