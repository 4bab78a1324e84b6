using OrleansEval.Grains.Actuals;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>The shard's outbox entries answer whether a position is among them as the entries change, in their order.</summary>
public sealed class JoinOutboxEntriesTests
{
    [Fact]
    public void HoldsAny_AsEntriesAreAddedAndRemoved_AnswersForThePositionsStillThere()
    {
        var entries = new JoinOutboxEntries([Entry("m/0", 1), Entry("m/0", 2)]);
        entries.Add(Entry("m/1", 2));

        Assert.True(entries.HoldsAny([("m/0", 2)]));
        Assert.True(entries.HoldsAny([("m/9", 9), ("m/1", 2)]));
        Assert.False(entries.HoldsAny([("m/1", 1)]));
        Assert.False(entries.HoldsAny([]));

        entries.RemoveAll(e => e.Position.Sequence == 2);

        Assert.False(entries.HoldsAny([("m/0", 2)]));
        Assert.False(entries.HoldsAny([("m/1", 2)]));
        Assert.True(entries.HoldsAny([("m/0", 1)]));
        Assert.Equal([("m/0", 1L)], entries.Select(JoinOutboxEntries.KeyOf));
    }

    [Fact]
    public void HoldsAny_OfAPositionTwiceInTheOutbox_HoldsItUntilBothAreRemoved()
    {
        var first = Entry("m/0", 5);
        var second = Entry("m/0", 5);
        var entries = new JoinOutboxEntries([first, Entry("m/0", 6), second]);

        entries.RemoveAll(e => ReferenceEquals(e, first));
        Assert.True(entries.HoldsAny([("m/0", 5)]));

        entries.RemoveAll(e => ReferenceEquals(e, second));
        Assert.False(entries.HoldsAny([("m/0", 5)]));
        Assert.Single(entries);
    }

    private static JoinOutboxEntry Entry(string log, long sequence) => new() { Position = new LogPosition(log, sequence, 0) };
}
