namespace OrleansEval.RootCause;

/// <summary>The current side of a root cause: the metric over the window's labelled rows, and how many rows it has.</summary>
[GenerateSerializer]
[Alias("OrleansEval.RootCauseCurrent")]
[Immutable]
public sealed record RootCauseCurrent
{
    /// <summary>The metric over the window's labelled rows; null when it has none.</summary>
    [Id(0)] public double? Value { get; init; }

    /// <summary>Labelled rows of the window the metric applies to.</summary>
    [Id(1)] public required long Labelled { get; init; }

    /// <summary>Every row of the window, labelled or not.</summary>
    [Id(2)] public required long Rows { get; init; }

    /// <summary>
    /// The label-free estimate of the metric over all of the window's rows (the series' CBPE estimate, for accuracy of a
    /// binary classifier over a whole series); null where there is none.
    /// </summary>
    [Id(3)] public double? Estimated { get; init; }

    /// <summary>Population standard deviation of the per-row loss over the labelled rows (for a test of the change); null without rows.</summary>
    [Id(4)] public double? Deviation { get; init; }
}
