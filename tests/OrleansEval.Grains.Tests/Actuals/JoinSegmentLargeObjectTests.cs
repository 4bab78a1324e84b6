using OrleansEval.Actuals;
using OrleansEval.Grains.Actuals;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// A segment's map of prediction ids to rows, made each time a shard reads a segment back or looks up an id in the
/// open one, allocates nothing on the large object heap for a segment of the default 4,096 rows (a dictionary of the ids
/// was 104 kB, a large object made and dropped for every segment read), and answers every id's rows newest first.
/// </summary>
[Collection(JoinIndexLargeObjectCollection.Name)]
public sealed class JoinSegmentLargeObjectTests
{
    private const int SegmentRows = 4_096;

    // The runtime's default large-object threshold: an array this large or larger goes to the large object heap.
    private const int LargeObjectThreshold = 85_000;
    private static readonly DateTimeOffset Start = new(2032, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Newest_InSegmentsOfTheDefaultSize_AllocatesNoLargeObject()
    {
        var segments = Enumerable.Range(0, 8).Select(n => Segment(n, new Random(n))).ToList();
        using var listener = new LargeAllocations();

        // Eight segments read back and looked up: about 830 kB of large objects with a dictionary of the ids.
        var large = listener.During(() =>
        {
            foreach (var segment in segments)
            {
                var slot = new JoinSegmentSlot(segment.Number);
                slot.Load(new GrainState<JoinSegment>(segment));
                var newest = slot.Newest(segment.Rows.PredictionId(SegmentRows - 1));
                Assert.Equal(SegmentRows - 1, newest);
                Assert.Equal(-1, slot.Older(newest));
            }

            return Task.CompletedTask;
        });

        Assert.True(large.Count == 0, "large objects allocated: " + string.Join(", ", large));
    }

    [Fact]
    public void IdMap_OfASegmentWithRepeatedIds_AnswersEveryRowOfAnIdNewestFirst_AndStaysBelowTheThreshold()
    {
        var random = new Random(4_096);
        var rows = new PendingPredictions();

        // A third of the ids come twice or more (a prediction sent again, or scored by another version).
        var map = new JoinIdMap(rows);
        for (var row = 0; row < SegmentRows; row++)
        {
            var id = $"p-{random.Next(0, 3 * SegmentRows / 4)}";
            rows.Add(id, new SeriesId($"v{row % 3}", "production"), 0, [], 0.5, "1", double.NaN, null);
            map.Add(row);
        }

        var expected = Enumerable.Range(0, SegmentRows).GroupBy(rows.PredictionId).ToDictionary(g => g.Key, g => g.Reverse().ToList());
        foreach (var (id, newestFirst) in expected)
        {
            var found = new List<int>();
            for (var row = map.Newest(id); row >= 0; row = map.Older(row))
            {
                found.Add(row);
            }

            Assert.Equal(newestFirst, found);
        }

        Assert.Equal(-1, map.Newest("p-absent"));

        // The map a segment read back builds at once answers the same.
        var rebuilt = new JoinIdMap(rows);
        Assert.All(expected, e => Assert.Equal(e.Value[0], rebuilt.Newest(e.Key)));
        Assert.True(map.LargestArrayBytes < LargeObjectThreshold, $"{map.LargestArrayBytes} bytes");
    }

    private static JoinSegment Segment(int number, Random random)
    {
        var segment = new JoinSegment { Number = number, FirstArrival = Start, LastArrival = Start };
        for (var row = 0; row < SegmentRows; row++)
        {
            segment.Rows.Add($"{number}-{row}-{random.Next():x8}", new SeriesId("v1", "production"), 0, [], random.NextDouble(), "1", double.NaN, null);
        }

        segment.Rows.TrimExcess();
        return segment;
    }
}
