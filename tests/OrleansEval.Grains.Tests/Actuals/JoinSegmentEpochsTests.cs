using OrleansEval.Grains.Actuals;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// The window's index of prediction-id keys in epochs, against a plain map of the same segments: every key names
/// exactly the held segments that hold it, through merges of epochs, keys shared by several segments, hashes shared by
/// keys of other checks, the extreme keys, segments that expire inside an epoch and epochs that expire whole, and
/// filters of the layout before checks.
/// </summary>
public sealed class JoinSegmentEpochsTests
{
    private static readonly DateTimeOffset Start = new(2032, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(1);

    [Fact]
    public void SegmentsOf_AfterSegmentsComeAndExpire_NamesExactlyTheHeldSegmentsHoldingEachKey()
    {
        var random = new Random(20_321);
        var epochs = new JoinSegmentEpochs(Span);
        var held = new SortedDictionary<int, JoinSegmentFilter>();

        // Few distinct hashes, so that many are shared by several segments, each with one of a few checks, so that keys of
        // one hash are in other segments than the key looked up; an hour a segment, so epochs close daily.
        for (var number = 0; number < 300; number++)
        {
            var keys = Enumerable.Range(0, random.Next(1, 400)).Select(_ => Key(random)).Order().ToArray();
            var arrival = Start + TimeSpan.FromHours(number);
            var filter = Filter(number, keys, arrival);
            if (number % 7 == 3)
            {
                // Now and then a filter of the layout before checks, its hashes alone.
                filter.Checks = [];
            }

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
    public void SegmentsOf_TheExtremeKeys_AndAnEpochOfOnePair_AreFound()
    {
        const ulong last = (1UL << 40) - 1;
        var epochs = new JoinSegmentEpochs(Span);
        epochs.Add(Filter(0, [7UL]), _ => true);
        epochs.Add(Filter(1, [0UL, 7UL, last]), _ => true);
        epochs.Add(Filter(2, [last, last]), _ => true);

        Assert.Equal([2, 1], Found(epochs, last).OrderDescending());
        Assert.Equal([1, 0], Found(epochs, 7UL).OrderDescending());
        Assert.Equal([1], Found(epochs, 0UL));
        Assert.Empty(Found(epochs, 8UL));
        Assert.Empty(Found(epochs, last - 1));
    }

    [Fact]
    public void SegmentsOf_AKeyWhoseHashIsHeldUnderAnotherCheck_NamesNoSegment()
    {
        // The false positive the check takes away: same 32-bit hash, another check.
        var epochs = new JoinSegmentEpochs(Span);
        var hash = 0xDEAD_BEEFUL << JoinSegmentFilter.CheckBits;
        epochs.Add(Filter(0, [hash | 0x11]), _ => true);
        epochs.Add(Filter(1, [hash | 0x12, hash | 0x13]), _ => true);

        Assert.Equal([0], Found(epochs, hash | 0x11));
        Assert.Equal([1], Found(epochs, hash | 0x13));
        Assert.Empty(Found(epochs, hash | 0x14));
        Assert.Empty(Found(epochs, hash));
    }

    [Fact]
    public void SegmentsOf_AFilterWithoutChecks_IsNamedForEveryKeyOfItsHashes_ThroughMergesAndExpiry()
    {
        // A filter stored before checks holds hashes alone: its segment may hold any key of them, checked ones beside it not.
        var epochs = new JoinSegmentEpochs(Span);
        var (a, b) = (0x0102_0304UL << JoinSegmentFilter.CheckBits, 0xF0E0_D0C0UL << JoinSegmentFilter.CheckBits);
        var old = new JoinSegmentFilter { Number = 0, FirstArrival = Start, LastArrival = Start, Rows = 2, Hashes = [(uint)(a >> 8), (uint)(b >> 8)] };
        Assert.False(old.Checked);
        var held = new HashSet<int> { 0, 1, 2 };
        epochs.Add(old, held.Contains);
        epochs.Add(Filter(1, [a | 5]), held.Contains);
        epochs.Add(Filter(2, [b | 9]), held.Contains);

        Assert.Equal([1, 0], Found(epochs, a | 5).OrderDescending());
        Assert.Equal([0], Found(epochs, a | 6));
        Assert.Equal([2, 0], Found(epochs, b | 9).OrderDescending());
        Assert.Equal([0], Found(epochs, b));
        Assert.Empty(Found(epochs, (a | 5) + (1UL << 8)));

        // Merged again without the old segment (expired), the one run left has no unchecked segment: only exact keys are named.
        held.Remove(0);
        held.Add(3);
        epochs.Add(Filter(3, [a | 7]), held.Contains);
        Assert.Equal(1, epochs.Count);
        Assert.Equal([1], Found(epochs, a | 5));
        Assert.Equal([3], Found(epochs, a | 7));
        Assert.Empty(Found(epochs, a | 6));
        Assert.Empty(Found(epochs, b));
    }

    [Fact]
    public void Bytes_OfSegmentsOfFourThousandRows_AreUnderFourBytesAnId()
    {
        var random = new Random(7);
        var epochs = new JoinSegmentEpochs(Span);
        for (var number = 0; number < 60; number++)
        {
            epochs.Add(Filter(number, [.. Enumerable.Range(0, 4_096).Select(_ => (ulong)random.NextInt64(0, 1L << 40)).Order()]), _ => true);
        }

        Assert.True(epochs.Bytes <= 4.0 * 60 * 4_096, $"{epochs.Bytes / (60 * 4_096.0):F3} bytes an id");
        Assert.InRange(epochs.Count, 1, 6);
    }

    [Fact]
    public void KeyOf_IsTheStableHashsHighFortyBits_ItsHashTheHighThirtyTwo()
    {
        foreach (var id in Enumerable.Range(0, 500).Select(i => $"prediction-{i}"))
        {
            var (hash, key) = (Sketches.Categories.StableHash.Hash64(id), JoinSegmentFilter.KeyOf(id));
            Assert.True(key < 1UL << 40);
            Assert.Equal(hash >> 24, key);
            Assert.Equal((uint)(hash >> 32), (uint)(key >> JoinSegmentFilter.CheckBits));
        }
    }

    // A 32-bit hash from few distinct ones, and one of four checks.
    private static ulong Key(Random random) =>
        ((ulong)unchecked((uint)random.Next(0, 20_000) * 2_654_435_761u) << JoinSegmentFilter.CheckBits) | (uint)random.Next(0, 4);

    private static JoinSegmentFilter Filter(int number, ulong[] sortedKeys, DateTimeOffset? arrival = null) => new()
    {
        Number = number,
        FirstArrival = arrival ?? Start,
        LastArrival = arrival ?? Start,
        Rows = sortedKeys.Length,
        Hashes = [.. sortedKeys.Select(k => (uint)(k >> JoinSegmentFilter.CheckBits))],
        Checks = [.. sortedKeys.Select(k => (byte)k)],
    };

    private static List<int> Found(JoinSegmentEpochs epochs, ulong key)
    {
        var found = new List<int>();
        epochs.SegmentsOf(key, found);
        return found;
    }

    // Every key held, and random ones, name exactly the held segments whose filter holds the key, or its hash if the
    // filter has no checks.
    private static void AssertMatches(JoinSegmentEpochs epochs, SortedDictionary<int, JoinSegmentFilter> held, Random random)
    {
        const ulong hashOnly = ~((1UL << JoinSegmentFilter.CheckBits) - 1);
        var byKey = held.Values
            .SelectMany(f => f.Hashes.Select((h, row) => (Key: ((ulong)h << JoinSegmentFilter.CheckBits) | (f.Checked ? f.Checks[row] : 0UL), f.Number, f.Checked)))
            .Distinct()
            .ToLookup(p => p.Checked ? p.Key : p.Key | (1UL << 63));
        List<int> Expected(ulong key) => [.. byKey[key].Concat(byKey[(key & hashOnly) | (1UL << 63)]).Select(p => p.Number).Order()];

        foreach (var key in byKey.Select(g => g.Key & ~(1UL << 63)).Distinct())
        {
            Assert.Equal(Expected(key), Found(epochs, key).Where(held.ContainsKey).Order());
        }

        for (var i = 0; i < 1_000; i++)
        {
            var key = i % 2 == 0 ? Key(random) : (ulong)random.NextInt64(0, 1L << 40);
            Assert.Equal(Expected(key), Found(epochs, key).Where(held.ContainsKey).Order());
        }
    }
}
