using System.Collections.Immutable;

namespace OrleansEval.Drift;

/// <summary>
/// A column's exact counts on a baseline's bins over a window, summed from the counters its buckets keep: empty with
/// <see cref="Exact"/> false when a bucket with values predates the baseline (only the drift answer's sketch can count
/// it); and how many buckets the read decoded from their bytes (0 when every cold bucket's counts were kept).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ColumnBinCountsAnswer")]
[Immutable]
public sealed record ColumnBinCountsAnswer(
    [property: Id(0)] bool Exact,
    [property: Id(1)] ImmutableArray<long> Counts,
    [property: Id(2)] int Decoded);
