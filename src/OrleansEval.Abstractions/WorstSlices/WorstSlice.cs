using System.Collections.Immutable;

namespace OrleansEval.WorstSlices;

/// <summary>
/// One slice a search found: its conditions in the slice syntax, its size, mean error (and accuracy for a classifier),
/// SliceLine score, error against the rest of the window with the test's p-value and Benjamini–Hochberg q-value.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.WorstSlice")]
[Immutable]
public sealed record WorstSlice
{
    /// <summary>The conjunction, such as <c>origin = PHX</c> and <c>hour in [17, inf)</c>.</summary>
    [Id(0)] public required ImmutableArray<string> Conditions { get; init; }

    /// <summary>Rows in the slice.</summary>
    [Id(1)] public required int Size { get; init; }

    /// <summary>Mean error of the slice's rows.</summary>
    [Id(2)] public required double Error { get; init; }

    /// <summary>Share of correct predictions in the slice (classifiers); null for a regressor.</summary>
    [Id(3)] public double? Accuracy { get; init; }

    /// <summary>α·(ē_s/ē − 1) − (1 − α)·(n/|s| − 1).</summary>
    [Id(4)] public required double Score { get; init; }

    /// <summary>The slice's mean error minus the mean error of the rows outside it.</summary>
    [Id(5)] public required double ErrorVsRest { get; init; }

    /// <summary>Two-sided p-value of the slice's error against the rest.</summary>
    [Id(6)] public required double PValue { get; init; }

    /// <summary>Benjamini–Hochberg q-value over every candidate examined.</summary>
    [Id(7)] public required double QValue { get; init; }

    /// <summary>The test: <c>twoProportionZ</c>, <c>fisherExact</c> or <c>welchT</c>.</summary>
    [Id(8)] public required string Test { get; init; }

    /// <summary>The slice as one name: its conditions joined by <c> &amp; </c>.</summary>
    public string Name => string.Join(" & ", Conditions);
}
