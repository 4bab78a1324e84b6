using OrleansEval.Grains.Actuals;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// The window's index of prediction-id hashes in epochs, against a plain map of the same segments: every hash names
/// exactly the held segments that hold it, through merges of epochs, hashes shared by several segments, the extreme
/// hashes, segments that expire inside an epoch and epochs that expire whole.
/// </summary>
public sealed class JoinSegmentEpochsTests
{
    private static readonly DateTimeOffset Start = new(2032, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(1);

    [Fact]
    public void SegmentsOf_AfterSegmentsComeAndExpire_NamesExactlyTheHeldSegmentsHoldingEachHash()
    {
        var random = new Random(20_321);
        var epochs = new JoinSegmentEpochs(Span);
        var held = new SortedDictionary<int, JoinSegmentFilter>();

        // Few distinct hashes, so that many are shared by several segments; an hour a segment, so epochs close daily.
        for (var number = 0; number < 300; number++)
        {
            var hashes = Enumerable.Range(0, random.Next(1, 400)).Select(_ => Hash(random)).Order().ToArray();
            var arrival = Start + TimeSpan.FromHours(number);
            var filter = new JoinSegmentFilter { Number = number, FirstArrival = arrival, LastArrival = arrival, Rows = hashes.Length, Hashes = hashes };
            held.Add(number, filter);
            epochs.Add(filter, held.ContainsKey);

            // Segments expire one by one (as a shard expires them), epochs only once all theirs have.
            var now = arrival + TimeSpan.FromMinutes(30);
            foreach (var old in held.Values.Where(f => f.LastArrival + TimeSpan.FromDays(3) <= now).ToList())
            {
                held.Remove(old.Number);
            }

            epochs.Expire(now, TimeSpan.FromDays(3));
            if (number % 25 == 0 || number > 290)
            {
                AssertMatches(epochs, held, random);
            }
        }

        Assert.InRange(epochs.Count, 3, 16);
    }

    [Fact]
    public void SegmentsOf_TheExtremeHashes_AndAnEpochOfOnePair_AreFound()
    {
        var epochs = new JoinSegmentEpochs(Span);
        epochs.Add(Filter(0, [7u]), _ => true);
        epochs.Add(Filter(1, [0u, 7u, uint.MaxValue]), _ => true);
        epochs.Add(Filter(2, [uint.MaxValue, uint.MaxValue]), _ => true);

        Assert.Equal([2, 1], Found(epochs, uint.MaxValue).OrderDescending());
        Assert.Equal([1, 0], Found(epochs, 7u).OrderDescending());
        Assert.Equal([1], Found(epochs, 0u));
        Assert.Empty(Found(epochs, 8u));
        Assert.Empty(Found(epochs, uint.MaxValue - 1));
    }

    [Fact]
    public void Bytes_OfSegmentsOfFourThousandRows_AreUnderThreeBytesAnId()
    {
        var random = new Random(7);
        var epochs = new JoinSegmentEpochs(Span);
        for (var number = 0; number < 60; number++)
        {
            epochs.Add(Filter(number, [.. Enumerable.Range(0, 4_096).Select(_ => (uint)random.NextInt64(0, 1L << 32)).Order()]), _ => true);
        }

        Assert.True(epochs.Bytes <= 3.0 * 60 * 4_096, $"{epochs.Bytes / (60 * 4_096.0):F3} bytes an id");
        Assert.InRange(epochs.Count, 1, 6);
    }

    private static uint Hash(Random random) => unchecked((uint)random.Next(0, 20_000) * 2_654_435_761u);

    private static JoinSegmentFilter Filter(int number, uint[] hashes) =>
        new() { Number = number, FirstArrival = Start, LastArrival = Start, Rows = hashes.Length, Hashes = hashes };

    private static List<int> Found(JoinSegmentEpochs epochs, uint hash)
    {
        var found = new List<int>();
        epochs.SegmentsOf(hash, found);
        return found;
    }

    private static void AssertMatches(JoinSegmentEpochs epochs, SortedDictionary<int, JoinSegmentFilter> held, Random random)
    {
        var expected = held.Values.SelectMany(f => f.Hashes.Distinct().Select(h => (Hash: h, f.Number)))
            .GroupBy(p => p.Hash)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Number).Order().ToList());
        foreach (var (hash, segments) in expected)
        {
            Assert.Equal(segments, Found(epochs, hash).Where(held.ContainsKey).Order());
        }

        for (var i = 0; i < 1_000; i++)
        {
            var hash = (uint)random.Next();
            Assert.Equal(expected.GetValueOrDefault(hash) ?? [], Found(epochs, hash).Where(held.ContainsKey).Order());
        }
    }
}
