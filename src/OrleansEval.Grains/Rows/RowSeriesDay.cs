using OrleansEval.Models;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// The stored parts of one series' day that a read takes, and whether the day held more rows than the store keeps a
/// day (then its rows are the reservoir's sample).
/// </summary>
/// <param name="Series">The series.</param>
/// <param name="Parts">The names of its parts of the day.</param>
/// <param name="Sampled">Whether the day's rows are the reservoir's sample.</param>
/// <param name="Times">The event-time span of the parts the listing gave one for; others are read for it.</param>
internal sealed record RowSeriesDay(SeriesId Series, IReadOnlyList<string> Parts, bool Sampled, IReadOnlyDictionary<string, RowPartTimes>? Times = null);
