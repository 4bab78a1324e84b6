using System.Buffers.Binary;
using OrleansEval.Grains.Buckets;
using OrleansEval.Grains.Rollups;

namespace OrleansEval.Grains.Tests.Buckets;

public sealed class BucketStoreTests
{
    private const long Day = DayRollup.DaySeconds;
    private const long Hour = 3_600;

    private static readonly byte[] Unreadable = [1, 2, 3];

    private readonly Dictionary<long, byte[]> _stored = [];
    private readonly Dictionary<long, byte[]> _quarantined = [];
    private readonly HashSet<long> _days = [];
    private int _reads;

    [Fact]
    public void Read_OfABucketUnchangedForAWholeInterval_ReadsItBackFromItsBytes()
    {
        var store = Store();
        store.ForRecords(Hour, _ => new Tally()).Count = 5;
        store.Encode();
        store.Written();
        store.Idle();
        Assert.Equal([5L], store.Read().Select(t => t.Count));
        Assert.Equal(0, _reads);

        store.Idle();

        Assert.Equal([5L], store.Read().Select(t => t.Count));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public void TryReadDayInMemory_WithOneOfTheDaysBucketsOnlyBytes_AnswersFalseAndDecodesNothing_ThenTheDayInOrder()
    {
        _stored[Day + Hour] = Bytes(3);
        _stored[2 * Day] = Bytes(9);
        var store = Store();
        store.ForRecords(Day + (2 * Hour), _ => new Tally()).Count = 4;
        var buckets = new List<(long Start, Tally Bucket)>();

        // Hour 1 of the day is only bytes: a delta that keeps the day's totals must not decode it after every batch.
        Assert.False(store.TryReadDayInMemory(Day, buckets));
        Assert.Equal(0, _reads);
        Assert.Empty(buckets);

        // Once it takes records too, every bucket of the day is in memory, in ascending order of start; the next day's
        // bytes are not looked at.
        store.ForRecords(Day + Hour, _ => new Tally()).Count++;
        Assert.True(store.TryReadDayInMemory(Day, buckets));
        Assert.Equal([(Day + Hour, 4L), (Day + (2 * Hour), 4L)], buckets.Select(b => (b.Start, b.Bucket.Count)));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public void Read_OfUnreadableBytes_QuarantinesThemOnceAndLeavesTheBucketOut()
    {
        _stored[Hour] = Unreadable;
        _stored[2 * Hour] = Bytes(7);
        var store = Store();

        Assert.Equal([7L], store.Read().Select(t => t.Count));
        Assert.Equal([7L], store.Read().Select(t => t.Count));

        Assert.Equal(Unreadable, Assert.Single(_quarantined, q => q.Key == Hour).Value);
        Assert.Equal([2 * Hour], store.Starts);
    }

    [Fact]
    public void ForRecords_OfAQuarantinedBucket_StartsANewOneAndKeepsTheQuarantinedBytes()
    {
        _stored[Hour] = Unreadable;
        var store = Store();

        store.ForRecords(Hour, _ => new Tally()).Count++;
        store.Encode();

        Assert.Equal(1L, BinaryPrimitives.ReadInt64LittleEndian(_stored[Hour]));
        Assert.Equal(Unreadable, _quarantined[Hour]);
    }

    [Fact]
    public void RollUp_OfADueDay_MergesItsHotAndColdBucketsIntoTheDaysBucket_AndLaterRecordsGoThere()
    {
        _stored[Day] = Bytes(2);
        _stored[Day + Hour] = Bytes(3);
        _stored[2 * Day] = Bytes(11);
        var store = Store();
        store.ForRecords(Day + (2 * Hour), _ => new Tally()).Count = 4;

        var due = store.PendingDays(2 * Day).ToHashSet();
        store.RollUp(due, parts => new Tally { Count = parts.Sum(p => p.Count) });
        store.ForRecords(Day + (5 * Hour), _ => new Tally()).Count++;
        store.Encode();

        Assert.Equal([Day], due);
        Assert.Equal([Day], _days);
        Assert.Equal([Day, 2 * Day], _stored.Keys.Order());
        Assert.Equal(10L, BinaryPrimitives.ReadInt64LittleEndian(_stored[Day]));
    }

    [Fact]
    public void Written_LetsGoOfTheBytesOfBucketsStillInMemory_AndTheNextEncodeWritesThemAgain()
    {
        var store = Store();
        store.ForRecords(Hour, _ => new Tally()).Count = 5;
        store.Encode();
        Assert.Equal(5L, BinaryPrimitives.ReadInt64LittleEndian(_stored[Hour]));

        store.Written();

        Assert.False(_stored.ContainsKey(Hour));
        Assert.Equal([Hour], store.Starts);

        store.Encode();

        Assert.Equal(5L, BinaryPrimitives.ReadInt64LittleEndian(_stored[Hour]));
    }

    [Fact]
    public void Idle_OfABucketGoneColdAfterItsBytesWereLetGo_StoresThemAgainBeforeReleasingIt()
    {
        var store = Store();
        store.ForRecords(Hour, _ => new Tally()).Count = 5;
        store.Encode();
        store.Written();
        store.Idle();
        Assert.False(_stored.ContainsKey(Hour));

        store.Idle();

        Assert.Equal(5L, BinaryPrimitives.ReadInt64LittleEndian(_stored[Hour]));
        Assert.Equal([5L], store.Read().Select(t => t.Count));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public void EncodeLetGo_AfterAWrite_GivesTheHotBucketsTheirBytesAgain()
    {
        var store = Store();
        store.ForRecords(Hour, _ => new Tally()).Count = 5;
        store.Encode();
        store.Written();

        store.EncodeLetGo();

        Assert.Equal(5L, BinaryPrimitives.ReadInt64LittleEndian(_stored[Hour]));
    }

    [Fact]
    public void KeptSummaries_OfBucketsGoneCold_AreReadWithoutDecodingOne()
    {
        var summaries = Summaries();
        var store = Store(summaries);
        store.ForRecords(Hour, _ => new Tally()).Count = 5;
        store.ForRecords(2 * Hour, _ => new Tally()).Count = 7;
        GoCold(store);
        Assert.False(store.InMemory(Hour));

        Assert.Equal([5L, 7L], summaries.Read(store, _ => true).Select(s => s.Count));
        Assert.Equal([7L], summaries.Read(store, start => start == 2 * Hour).Select(s => s.Count));
        Assert.Equal(0, _reads);
        Assert.Equal(0, store.Decoded);

        // The buckets themselves are only bytes: reading them decodes each.
        Assert.Equal([5L, 7L], store.Read().Select(t => t.Count));
        Assert.Equal(2, store.Decoded);
    }

    [Fact]
    public void KeptSummaries_OfAColdBucketThatTakesRecordsAgain_FollowItsNewCounts()
    {
        var summaries = Summaries();
        var store = Store(summaries);
        store.ForRecords(Hour, _ => new Tally()).Count = 5;
        GoCold(store);

        store.ForRecords(Hour, _ => new Tally()).Count++;
        Assert.Equal([6L], summaries.Read(store, _ => true).Select(s => s.Count));
        GoCold(store);
        var reads = _reads;

        Assert.Equal([6L], summaries.Read(store, _ => true).Select(s => s.Count));
        Assert.Equal(reads, _reads);
    }

    [Fact]
    public void KeptSummaries_OfBytesReadAtActivation_DecodeEachOnce_AndForgetTheStartsARollupMerges()
    {
        _stored[Day] = Bytes(2);
        _stored[Day + Hour] = Bytes(3);
        var summaries = Summaries();
        var store = Store(summaries);

        Assert.Equal([2L, 3L], summaries.Read(store, _ => true).Select(s => s.Count));
        Assert.Equal([2L, 3L], summaries.Read(store, _ => true).Select(s => s.Count));
        Assert.Equal(2, _reads);

        store.RollUp(store.PendingDays(2 * Day).ToHashSet(), parts => new Tally { Count = parts.Sum(p => p.Count) });
        GoCold(store);
        var reads = _reads;

        Assert.Equal([5L], summaries.Read(store, _ => true).Select(s => s.Count));
        Assert.Equal(1, summaries.Count);
        Assert.Equal(reads, _reads);
    }

    // A write, then a whole interval without records: every bucket leaves memory.
    private static void GoCold(BucketStore<Tally> store)
    {
        store.Encode();
        store.Written();
        store.Idle();
        store.Idle();
    }

    private static KeptSummaries<Tally, TallySummary> Summaries() => new(t => new TallySummary(t.Count));

    private BucketStore<Tally> Store(IBucketReleases<Tally>? releases = null) =>
        new(_stored, new RolledUpDays(_days), Read, t => Bytes(t.Count), (start, bytes, _) => _quarantined[start] = bytes, releases);

    private Tally Read(byte[] bytes)
    {
        _reads++;
        return bytes.Length == sizeof(long) ? new Tally { Count = BinaryPrimitives.ReadInt64LittleEndian(bytes) } : throw new FormatException("not a tally");
    }

    private static byte[] Bytes(long count)
    {
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, count);
        return bytes;
    }

    private sealed class Tally
    {
        public long Count { get; set; }
    }

    private sealed record TallySummary(long Count);
}
