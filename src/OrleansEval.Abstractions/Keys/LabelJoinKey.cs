namespace OrleansEval.Keys;

/// <summary>The key of a label-join shard: the model and the shard number, joined by '/'.</summary>
public static class LabelJoinKey
{
    /// <summary>The key of shard <paramref name="shard"/> of <paramref name="modelId"/>.</summary>
    public static string For(string modelId, int shard) => NumberedKey.For(modelId, shard);

    /// <summary>Parses a key written by <see cref="For"/>.</summary>
    /// <exception cref="FormatException">The key is not a non-empty model id and a non-negative shard number.</exception>
    public static (string ModelId, int Shard) Parse(string key) => NumberedKey.Parse(key, "a label-join");
}
