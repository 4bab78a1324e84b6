namespace OrleansEval.RootCause;

/// <summary>One bin of a baseline's side of a root cause: its rows, the rows labelled for the metric and their loss sum.</summary>
[GenerateSerializer]
[Alias("OrleansEval.BaselineBinCounts")]
[Immutable]
public sealed record BaselineBinCounts(
    [property: Id(0)] long Rows,
    [property: Id(1)] long Labelled,
    [property: Id(2)] double Loss);
