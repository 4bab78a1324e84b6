namespace OrleansEval.Performance;

/// <summary>A per-row loss of a slice member over a window: the rows it is defined on, and the sums of the loss and of its square.</summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceLossSums")]
[Immutable]
public sealed record SliceLossSums(
    [property: Id(0)] long Count,
    [property: Id(1)] double Sum,
    [property: Id(2)] double Squares);
