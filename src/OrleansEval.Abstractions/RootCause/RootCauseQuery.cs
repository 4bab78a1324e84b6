using System.Collections.Immutable;
using OrleansEval.Slices;

namespace OrleansEval.RootCause;

/// <summary>
/// A root-cause question: how each feature's distribution and each bin's performance moved <see cref="Metric"/> from a
/// baseline to the rows of [<see cref="From"/>, <see cref="To"/>) of one version and environment (every one when
/// null), among the rows that meet <see cref="Conditions"/>.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RootCauseQuery")]
[Immutable]
public sealed record RootCauseQuery
{
    /// <summary>The baseline compared with; the latest by revision when null.</summary>
    [Id(0)] public string? Baseline { get; init; }

    /// <summary>The version of the current rows; every version when null.</summary>
    [Id(1)] public string? Version { get; init; }

    /// <summary>The environment of the current rows; every environment when null.</summary>
    [Id(2)] public string? Environment { get; init; }

    /// <summary>Start of the current window (inclusive).</summary>
    [Id(3)] public required DateTimeOffset From { get; init; }

    /// <summary>End of the current window (exclusive).</summary>
    [Id(4)] public required DateTimeOffset To { get; init; }

    /// <summary>One of <see cref="RootCauseMetrics.All"/>; the task's default (<see cref="RootCauseMetrics.DefaultFor"/>) when null.</summary>
    [Id(5)] public string? Metric { get; init; }

    /// <summary>The slice asked for by name (a named slice or an elementary slice id), as the answer repeats it; null for none.</summary>
    [Id(6)] public string? Slice { get; init; }

    /// <summary>
    /// The conditions a row of either side must meet: the named slice's and every <c>where=</c>, already resolved by the
    /// caller. Empty for every row.
    /// </summary>
    [Id(7)] public ImmutableArray<SliceCondition> Conditions { get; init; } = [];

    /// <summary>
    /// <see cref="RootCauseSources.Rows"/> to count the kept rows even where the per-bin state would answer, or
    /// <see cref="RootCauseSources.Bins"/> (the same as null) to use the per-bin state whenever it covers the question.
    /// </summary>
    [Id(8)] public string? Source { get; init; }
}
