using OrleansEval.Gateway.Examples;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Tests.Examples;

/// <summary>
/// The examples merge over a day of many parts, blocks arriving as the row store answers them (descending order of
/// their newest row): it answers every row in exact newest-first order while holding no more than the blocks that
/// overlap in time, never the day.
/// </summary>
public sealed class NewestFirstTests
{
    private const int Parts = 40;
    private const int PartRows = 500;
    private const int Overlap = 20;

    private static readonly SeriesId Production = new("v1", "production");
    private static readonly SeriesId Shadow = new("v2", "shadow");
    private static readonly DateTimeOffset Day = new(2024, 5, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MergeAsync_OfADayOfManyOverlappingParts_HoldsAboutTwoPartsNotTheDay_AndAnswersExactlyNewestFirst()
    {
        var blocks = DayOfParts();
        var source = new CountingSource(blocks);
        var query = new ExampleQuery(Blocks.Snapshot, new RowQuery("flights", null, null, Day, Day.AddDays(1)), RowFilter.Everything, null, null, null, null, ExampleFormat.Ndjson);
        var answered = new List<ExampleRow>();
        var mostHeld = 0L;

        await foreach (var row in NewestFirst.MergeAsync(source.ReadAsync(), new ExampleSelection(query), new ExampleTally(), CancellationToken.None))
        {
            answered.Add(row);
            mostHeld = Math.Max(mostHeld, source.RowsRead - answered.Count);
        }

        var expected = blocks.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => (b.Timestamps[i], b.PredictionIds[i])))
            .OrderByDescending(r => r.Item1).ThenBy(r => r.Item2, StringComparer.Ordinal).Select(r => r.Item2).ToList();
        Assert.Equal(expected, answered.Select(r => r.PredictionId).ToList());
        Assert.InRange(mostHeld, 1, (2 * PartRows) + Overlap);
    }

    // Parts of two series taking turns through the day, each overlapping the next in time by a few rows, with ties
    // between series; blocks in descending order of their newest row, as the row store answers them.
    private static List<RowBlock> DayOfParts()
    {
        var step = TimeSpan.FromDays(1) / ((Parts * PartRows) + Overlap + 1);
        var blocks = new List<RowBlock>();
        for (var p = 0; p < Parts; p++)
        {
            var series = p % 2 == 0 ? Production : Shadow;
            var rows = Enumerable.Range(0, PartRows).Select(i =>
            {
                // The last rows of a part share their times with the first rows of the next one.
                var at = (p * PartRows) + i + (i >= PartRows - Overlap ? Overlap : 0);
                return new Blocks.Row($"{series.Version}-{p:D2}-{i:D3}", Day.Add(step * at), "SJU", i, null, "1", 0.9, "1");
            });
            blocks.Add(Blocks.Of(series, [.. rows]));
        }

        return [.. blocks.OrderByDescending(b => b.Timestamps[0])];
    }

    /// <summary>Streams blocks, counting the rows handed out so far.</summary>
    private sealed class CountingSource(List<RowBlock> blocks)
    {
        public long RowsRead { get; private set; }

        public async IAsyncEnumerable<RowBlock> ReadAsync()
        {
            foreach (var block in blocks)
            {
                await Task.Yield();
                RowsRead += block.Count;
                yield return block;
            }
        }
    }
}
