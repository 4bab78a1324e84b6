namespace OrleansEval.Models;

/// <summary>The answer to registering or evolving a model: the new snapshot, or why the change was refused.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ModelChangeResult")]
[Immutable]
public sealed record ModelChangeResult(
    [property: Id(0)] ModelSnapshot? Snapshot,
    [property: Id(1)] ModelChangeError? Error,
    [property: Id(2)] bool Created);
