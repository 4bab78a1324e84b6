using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// How a <see cref="RecordTable"/> crosses a process boundary: as one object per record. A batch handed to a worker
/// in the same silo is not copied (it is immutable), so this costs only a call to another silo.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RecordTableSurrogate")]
[Immutable]
public readonly record struct RecordTableSurrogate([property: Id(0)] ImmutableArray<RecordInput> Records);
