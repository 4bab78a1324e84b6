namespace OrleansEval.Keys;

/// <summary>The key of an ingest-log partition: the model and the partition number, joined by '/'.</summary>
public static class IngestLogKey
{
    /// <summary>The key of partition <paramref name="partition"/> of <paramref name="modelId"/>'s ingest log.</summary>
    public static string For(string modelId, int partition) => NumberedKey.For(modelId, partition);

    /// <summary>Parses a key written by <see cref="For"/>.</summary>
    /// <exception cref="FormatException">The key is not a non-empty model id and a non-negative partition number.</exception>
    public static (string ModelId, int Partition) Parse(string key) => NumberedKey.Parse(key, "an ingest-log");
}
