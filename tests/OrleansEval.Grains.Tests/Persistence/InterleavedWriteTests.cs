using System.Collections;
using System.Reflection;
using OrleansEval.Grains.Features;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Slices;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Persistence;

/// <summary>
/// The bookkeeping of a write that runs while the grain goes on taking batches: what it stores is set apart when it
/// starts, so an entry or a bucket changed meanwhile is left for the next write, and a refused write leaves all of it
/// pending again; the state it writes is a copy that shares no collection with the grain's.
/// </summary>
public sealed class InterleavedWriteTests
{
    [Fact]
    public void StoredAll_OfAnEntryAddedWhileAWriteIsUnderWay_IsFalseAfterThatWrite()
    {
        var applied = new AppliedEntries([]);
        var before = Position(1);
        var during = Position(2);
        applied.Add(before);

        applied.Writing();
        applied.Add(during);
        Assert.False(applied.StoredAll([before]));
        applied.Written();

        Assert.True(applied.StoredAll([before]));
        Assert.False(applied.StoredAll([during]));
        Assert.True(applied.ContainsAll([before, during]));
    }

    [Fact]
    public void StoredAll_AfterARefusedWrite_IsFalseUntilAWriteStoresTheEntries()
    {
        var applied = new AppliedEntries([]);
        var entry = Position(1);
        applied.Add(entry);

        applied.Writing();
        applied.NotWritten();
        Assert.False(applied.StoredAll([entry]));

        applied.Writing();
        applied.Written();
        Assert.True(applied.StoredAll([entry]));
    }

    [Fact]
    public void Changed_OfABucketChangedWhileAWriteIsUnderWay_StaysForTheNextWrite()
    {
        var writes = new BucketWrites<long>();
        writes.MarkChanged(1);
        writes.Writing();
        writes.MarkChanged(2);
        Assert.False(writes.IsCold(1));
        writes.Written();

        Assert.Equal([2L], writes.Changed);
        Assert.False(writes.IsCold(1));
    }

    [Fact]
    public void Changed_AfterARefusedWrite_HoldsWhatItWasWriting()
    {
        var writes = new BucketWrites<long>();
        writes.MarkChanged(1);
        writes.Writing();
        writes.MarkChanged(2);
        writes.NotWritten();

        Assert.Equal([1L, 2L], writes.Changed.Order());
    }

    [Fact]
    public void Snapshot_OfASliceState_CopiesEveryPersistedCollectionAndValue()
    {
        var live = new SliceState
        {
            Members = new(StringComparer.Ordinal) { ["(all)"] = new() { [3600] = [1, 2] } },
            Calibrations = new() { [7] = [3] },
            Task = OrleansEval.Models.ModelTask.Regression,
            PositiveLabel = "yes",
            CurrentCalibration = 9,
            Bucket = TimeSpan.FromHours(1),
            RolledUpDays = [86400],
            Applied = new(StringComparer.Ordinal) { ["log"] = new AppliedLog { Floor = 2, Sequences = [3] } },
            Quarantined = new(StringComparer.Ordinal) { ["a"] = new() { [7200] = [4] } },
            DayFingerprints = new() { [86400] = 11 },
        };

        AssertIndependentCopy(live, live.Snapshot());
    }

    [Fact]
    public void Snapshot_OfAFeatureState_CopiesEveryPersistedCollectionAndValue()
    {
        var live = new FeatureState
        {
            Buckets = new() { [3600] = [1, 2] },
            ActiveBaselines = new(StringComparer.Ordinal) { ["training"] = [0.5] },
            Bucket = TimeSpan.FromHours(1),
            RolledUpDays = [86400],
            Applied = new(StringComparer.Ordinal) { ["log"] = new AppliedLog { Floor = 2, Sequences = [3] } },
            Quarantined = new() { [7200] = [4] },
        };

        AssertIndependentCopy(live, live.Snapshot());
    }

    private static LogPosition Position(long sequence) => new("log", sequence, 0);

    // Every persisted property ([Id]) is equal in the copy, and every collection of it, down to the applied logs' sets,
    // is another object: a property added to the state and left out of the copy fails here. Byte arrays may be shared.
    private static void AssertIndependentCopy<T>(T live, T copy)
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.GetCustomAttribute<IdAttribute>() is not null))
        {
            var original = property.GetValue(live);
            var copied = property.GetValue(copy);
            Assert.True(Same(original, copied), $"{property.Name} differs in the copy");
            if (original is IEnumerable and not string)
            {
                AssertNoSharedCollection(original, copied!, property.Name);
            }
        }
    }

    private static void AssertNoSharedCollection(object original, object copied, string name)
    {
        if (original is byte[] or double[])
        {
            return;
        }

        Assert.False(ReferenceEquals(original, copied), $"{name} is shared with the copy");
        if (original is IDictionary dictionary)
        {
            var other = (IDictionary)copied;
            foreach (DictionaryEntry entry in dictionary)
            {
                var value = entry.Value!;
                if (value is IEnumerable)
                {
                    AssertNoSharedCollection(value, other[entry.Key]!, $"{name}[{entry.Key}]");
                }
                else if (value is AppliedLog log)
                {
                    var copiedLog = (AppliedLog)other[entry.Key]!;
                    Assert.False(ReferenceEquals(log, copiedLog), $"{name}[{entry.Key}] is shared with the copy");
                    AssertNoSharedCollection(log.Sequences, copiedLog.Sequences, $"{name}[{entry.Key}].Sequences");
                }
            }
        }
    }

    // Equal values, comparing collections by their contents (dictionaries by key, whatever their order).
    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (AppliedLog x, AppliedLog y) => x.Floor == y.Floor && x.Sequences.SetEquals(y.Sequences),
        (IDictionary x, IDictionary y) => x.Count == y.Count && x.Keys.Cast<object>().All(k => y.Contains(k) && Same(x[k], y[k])),
        (string x, string y) => x == y,
        (IEnumerable x, IEnumerable y) => x.Cast<object>().Order().SequenceEqual(y.Cast<object>().Order()),
        _ => Equals(a, b),
    };
}
