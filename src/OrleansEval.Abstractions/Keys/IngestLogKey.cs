using System.Globalization;

namespace OrleansEval.Keys;

/// <summary>The key of an ingest-log partition: the model and the partition number, joined by '/'.</summary>
public static class IngestLogKey
{
    /// <summary>The key of partition <paramref name="partition"/> of <paramref name="modelId"/>'s ingest log.</summary>
    public static string For(string modelId, int partition) => string.Create(CultureInfo.InvariantCulture, $"{modelId}/{partition}");
}
