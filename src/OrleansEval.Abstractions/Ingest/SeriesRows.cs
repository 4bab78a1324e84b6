using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Ingest;

/// <summary>
/// What the row store needs of a batch's accepted records of one series beyond the column chunks: each record's
/// prediction id, exact event time and tags. Records are in the order of every column chunk of the series, so record
/// i here is value i of each chunk. Kept compact for the ingest log: event times as differences of UTC ticks, tags as
/// codes into their labels.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SeriesRows")]
[Immutable]
public sealed record SeriesRows
{
    /// <summary>The rows of <paramref name="series"/>: one prediction id and event time per record, and the tag columns.</summary>
    public SeriesRows(SeriesId series, ImmutableArray<string> predictionIds, IReadOnlyList<DateTimeOffset> timestamps, ImmutableArray<CodedColumn> tags)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        Series = series;
        PredictionIds = predictionIds;
        Tags = tags;
        var deltas = ImmutableArray.CreateBuilder<long>(timestamps.Count);
        var previous = 0L;
        foreach (var timestamp in timestamps)
        {
            deltas.Add(timestamp.UtcTicks - previous);
            previous = timestamp.UtcTicks;
        }

        TickDeltas = deltas.MoveToImmutable();
    }

    /// <summary>The series of the records.</summary>
    [Id(0)] public SeriesId Series { get; init; }

    /// <summary>Each record's prediction id.</summary>
    [Id(1)] public ImmutableArray<string> PredictionIds { get; init; }

    /// <summary>One column per tag of the model that some record of the series carries.</summary>
    [Id(3)] public ImmutableArray<CodedColumn> Tags { get; init; }

    /// <summary>Number of records.</summary>
    public int Length => PredictionIds.IsDefault ? 0 : PredictionIds.Length;

    // Record i's UTC ticks minus record i − 1's (the first's from zero): a batch's times are close, so the numbers are small.
    [Id(2)] private ImmutableArray<long> TickDeltas { get; init; }

    /// <summary>Every record's event time (UTC), in order.</summary>
    public ImmutableArray<DateTimeOffset> Timestamps()
    {
        var timestamps = ImmutableArray.CreateBuilder<DateTimeOffset>(TickDeltas.Length);
        var ticks = 0L;
        foreach (var delta in TickDeltas)
        {
            ticks += delta;
            timestamps.Add(new DateTimeOffset(ticks, TimeSpan.Zero));
        }

        return timestamps.MoveToImmutable();
    }
}
