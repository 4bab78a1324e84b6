namespace OrleansEval.Ingest;

/// <summary>A column chunk of a logged batch and the key of the column grain it goes to.</summary>
[GenerateSerializer]
[Alias("OrleansEval.KeyedChunk")]
[Immutable]
public sealed record KeyedChunk([property: Id(0)] string FeatureKey, [property: Id(1)] ColumnChunk Chunk);
