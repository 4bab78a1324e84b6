using System.Collections.Immutable;

namespace OrleansEval.Compare;

/// <summary>
/// Which version to run: a candidate significantly better than the champion over all paired rows (the best such), or
/// the champion when none is; why, in a sentence; and for the version advised, the slices of at least the minimum
/// size where it is significantly better or worse than the champion — a candidate worse somewhere is never advised
/// without those slices.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.PromotionAdvice")]
[Immutable]
public sealed record PromotionAdvice(
    [property: Id(0)] string Promote,
    [property: Id(1)] string Because,
    [property: Id(2)] ImmutableArray<SliceVerdict> BetterIn,
    [property: Id(3)] ImmutableArray<SliceVerdict> WorseIn);
