using OrleansEval.Grains.Actuals;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// The window's index of prediction-id hashes, against a plain map of the same segments: every hash names exactly the
/// segments that hold it, newest first, through growth, shrinking, shared hashes and the deletions that shift entries
/// back in the table.
/// </summary>
public sealed class JoinSegmentIndexTests
{
    [Fact]
    public void SegmentsOf_AfterSegmentsComeAndExpire_NamesExactlyTheSegmentsHoldingEachHash()
    {
        var random = new Random(20_321);
        var index = new JoinSegmentIndex();
        var live = new Queue<JoinSegmentFilter>();

        // Few distinct hashes, so many are shared by several segments, and many collide in the table.
        for (var number = 0; number < 300; number++)
        {
            var hashes = Enumerable.Range(0, random.Next(1, 400)).Select(_ => (uint)random.Next(0, 20_000) * 65_537u).Order().ToArray();
            var filter = new JoinSegmentFilter { Number = number, Rows = hashes.Length, Hashes = hashes };
            index.Add(filter);
            live.Enqueue(filter);
            if (live.Count > 40 || (number > 250 && live.Count > 2))
            {
                index.Remove(live.Dequeue());
            }

            if (number % 25 == 0 || number > 290)
            {
                AssertMatches(index, live, random);
            }
        }
    }

    [Fact]
    public void Remove_OfEverySegment_LeavesNoHashAndShrinksTheTable()
    {
        var index = new JoinSegmentIndex();
        var filters = Enumerable.Range(0, 20).Select(n => new JoinSegmentFilter
        {
            Number = n,
            Hashes = [.. Enumerable.Range(n * 1_000, 1_000).Select(i => unchecked((uint)i * 2_654_435_761u)).Order()],
        }).ToList();
        var empty = index.Bytes;
        filters.ForEach(index.Add);
        Assert.Equal(20_000, index.Count);

        filters.ForEach(index.Remove);

        Assert.Equal(0, index.Count);
        Assert.True(index.Bytes <= empty * 2, $"the table still takes {index.Bytes} bytes");
        var found = new List<int>();
        index.SegmentsOf(unchecked(5_000u * 2_654_435_761u), found);
        Assert.Empty(found);
    }

    private static void AssertMatches(JoinSegmentIndex index, IEnumerable<JoinSegmentFilter> live, Random random)
    {
        var expected = live.SelectMany(f => f.Hashes.Distinct().Select(h => (Hash: h, f.Number)))
            .GroupBy(p => p.Hash)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Number).OrderDescending().ToList());
        Assert.Equal(expected.Count, index.Count);
        var found = new List<int>();
        foreach (var (hash, segments) in expected)
        {
            found.Clear();
            index.SegmentsOf(hash, found);
            Assert.Equal(segments, found);
        }

        for (var i = 0; i < 1_000; i++)
        {
            var hash = (uint)random.Next();
            found.Clear();
            index.SegmentsOf(hash, found);
            Assert.Equal(expected.GetValueOrDefault(hash) ?? [], found);
        }
    }
}
