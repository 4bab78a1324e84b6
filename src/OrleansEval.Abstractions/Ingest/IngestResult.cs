using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>How many records were kept and which were rejected, each with its index and reason.</summary>
[GenerateSerializer]
[Alias("OrleansEval.IngestResult")]
[Immutable]
public sealed record IngestResult([property: Id(0)] int Accepted, [property: Id(1)] ImmutableArray<RecordRejection> Rejected);
