using OrleansEval.Models;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// The stored parts of one series' day that a read takes, and whether the day held more rows than the store keeps a
/// day (then its rows are the reservoir's sample).
/// </summary>
internal sealed record RowSeriesDay(SeriesId Series, IReadOnlyList<string> Parts, bool Sampled);
