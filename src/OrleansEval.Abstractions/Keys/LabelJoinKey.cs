using System.Globalization;

namespace OrleansEval.Keys;

/// <summary>The key of a label-join shard: the model and the shard number, joined by '/'.</summary>
public static class LabelJoinKey
{
    /// <summary>The key of shard <paramref name="shard"/> of <paramref name="modelId"/>.</summary>
    public static string For(string modelId, int shard) => string.Create(CultureInfo.InvariantCulture, $"{modelId}/{shard}");
}
