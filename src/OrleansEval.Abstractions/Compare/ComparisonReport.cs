using System.Collections.Immutable;

namespace OrleansEval.Compare;

/// <summary>
/// A comparison answered: the window, the metric, the versions (<c>version@environment</c>, champion first), the
/// labelled prediction ids all of them scored, each version's labelled rows left out for want of a pair, the slices
/// (<c>all</c> first) and the advice; <see cref="Reason"/> says why there is nothing to compare when no row is paired.
/// <see cref="Sampled"/> is true when a series' rows of the window were a reservoir sample.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ComparisonReport")]
[Immutable]
public sealed record ComparisonReport(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] string Metric,
    [property: Id(3)] ImmutableArray<string> Versions,
    [property: Id(4)] long Paired,
    [property: Id(5)] ImmutableArray<long> Unpaired,
    [property: Id(6)] int MinSize,
    [property: Id(7)] ImmutableArray<ComparedSlice> Slices,
    [property: Id(8)] PromotionAdvice? Advice,
    [property: Id(9)] string? Reason,
    [property: Id(10)] bool Sampled);
