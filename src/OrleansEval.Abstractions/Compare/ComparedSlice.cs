using System.Collections.Immutable;

namespace OrleansEval.Compare;

/// <summary>
/// One slice of the paired rows: its name (<c>all</c>, a named slice, one of the champion's worst slices written as its
/// conditions joined by <c> &amp; </c>, or an elementary slice such as <c>origin = PHX</c> or <c>hour in [17, 18.5)</c>),
/// its <see cref="Kind"/> (<c>all</c>, <c>named</c>, <c>worst</c> or <c>elementary</c>), its paired rows, each version's metric (in the order of the
/// query; null where the metric is undefined), each candidate's test against the champion, and the winner — the best
/// version among those significantly better than the champion (q &lt; 0.05), the champion when every candidate is
/// significantly worse, null otherwise.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ComparedSlice")]
[Immutable]
public sealed record ComparedSlice(
    [property: Id(0)] string Slice,
    [property: Id(1)] long Rows,
    [property: Id(2)] ImmutableArray<double?> Values,
    [property: Id(3)] ImmutableArray<CandidateTest> Tests,
    [property: Id(4)] string? Winner,
    [property: Id(5)] string Kind);
