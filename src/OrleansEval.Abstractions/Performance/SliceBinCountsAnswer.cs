using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Performance;

/// <summary>
/// Every member's counts in a window; the window answered (the one asked, widened over the rolled-up days it cuts); and
/// a revision of the family's counts on the window's days that changes whenever anything is counted in a bucket of
/// those days (and only then), so a reader can tell that what it derived from them still holds; and how many member-days
/// the question had to add up from buckets itself (0 when every day of the window was kept current).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceBinCountsAnswer")]
[Immutable]
public sealed record SliceBinCountsAnswer(
    [property: Id(0)] TimeWindow Answered,
    [property: Id(1)] ImmutableArray<SliceBinCounts> Members,
    [property: Id(2)] string Revision,
    [property: Id(3)] int DaysAdded);
