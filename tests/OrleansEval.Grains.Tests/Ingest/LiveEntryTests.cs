using System.Runtime.CompilerServices;
using OrleansEval.Grains.Ingest;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

public sealed class LiveEntryTests
{
    [Fact]
    public void Trim_LetsGoOfThePlanInTheLoggedBatchToo_AndKeepsItsKeyContentAndAnswer()
    {
        var (plan, answer, live) = Entry();

        live.Trim();

        Assert.True(live.Trimmed);
        Assert.Null(live.Plan);
        Assert.NotSame(plan, live.Logged.Entry.Plan);
        Assert.Empty(live.Logged.Entry.Plan.Chunks);
        Assert.Equal(("batch", "hash", answer, 7L), (live.Logged.Entry.BatchId, live.Logged.Entry.Content, live.Logged.Entry.Answer, live.Sequence));
    }

    [Fact]
    public void Release_LetsGoOfThePlanEverywhere_KeepingTheGrainsToCheckpoint_AndIsNotATrim()
    {
        var (answer, live, plan) = EntryForgottenByItsMaker();
        var targets = new PlanTargets(["model/v1/production/x"], [], [], []);

        live.Release(targets);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(plan.IsAlive, "the log still holds the applied plan");
        Assert.False(live.Trimmed);
        Assert.Same(targets, live.Targets);
        Assert.Equal(("batch", "hash", answer, 7L), (live.Logged.Entry.BatchId, live.Logged.Entry.Content, live.Logged.Entry.Answer, live.Sequence));
    }

    private static (IngestPlan Plan, BatchAnswer Answer, LiveEntry Live) Entry()
    {
        var plan = new IngestPlan { Chunks = [new KeyedChunk("model/v1/production/x", new ColumnChunk("batch", [1], [2.0], [null], []))] };
        var answer = new BatchAnswer(1, [], []);
        return (plan, answer, new LiveEntry(new LoggedEntry(7, DateTimeOffset.UnixEpoch, new IngestLogEntry("batch", "hash", plan, answer))));
    }

    // The entry, with only a weak reference to its plan left outside it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (BatchAnswer Answer, LiveEntry Live, WeakReference Plan) EntryForgottenByItsMaker()
    {
        var (plan, answer, live) = Entry();
        return (answer, live, new WeakReference(plan));
    }
}
