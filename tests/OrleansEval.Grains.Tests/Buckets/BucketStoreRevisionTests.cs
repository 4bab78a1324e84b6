using OrleansEval.Grains.Buckets;
using OrleansEval.Grains.Rollups;

namespace OrleansEval.Grains.Tests.Buckets;

public sealed class BucketStoreRevisionTests
{
    private const long Hour = 3_600;

    private readonly Dictionary<long, byte[]> _stored = [];
    private readonly HashSet<long> _days = [];

    [Fact]
    public void Revision_MovesOnWithRecordsRollupsAndQuarantine_AndNotWithWritesOrReads()
    {
        var store = Store();
        var revisions = new List<long> { store.Revision };

        store.ForRecords(Hour, _ => new Tally()).Count++;
        revisions.Add(store.Revision);
        store.Encode();
        store.Written();
        store.Idle();
        store.Idle();
        _ = store.Read().ToList();
        revisions.Add(store.Revision);
        store.RollUp(new HashSet<long> { 0 }, parts => new Tally { Count = parts.Sum(p => p.Count) });
        revisions.Add(store.Revision);
        _stored[DayRollup.DaySeconds] = [1, 2, 3];
        _ = store.Read().ToList();
        revisions.Add(store.Revision);

        Assert.Equal([0L, 1L, 1L, 2L, 3L], revisions);
    }

    private BucketStore<Tally> Store() =>
        new(_stored, new RolledUpDays(_days), bytes => bytes.Length == 1 ? new Tally { Count = bytes[0] } : throw new FormatException("not a tally"),
            t => [(byte)t.Count], (_, _, _) => { });

    private sealed class Tally
    {
        public long Count { get; set; }
    }
}
