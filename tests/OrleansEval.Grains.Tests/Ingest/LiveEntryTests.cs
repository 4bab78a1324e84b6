using OrleansEval.Grains.Ingest;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

public sealed class LiveEntryTests
{
    [Fact]
    public void Trim_LetsGoOfThePlanInTheLoggedBatchToo_AndKeepsItsKeyContentAndAnswer()
    {
        var plan = new IngestPlan { Chunks = [new KeyedChunk("model/v1/production/x", new ColumnChunk("batch", [1], [2.0], [null], []))] };
        var answer = new BatchAnswer(1, [], []);
        var live = new LiveEntry(new LoggedEntry(7, DateTimeOffset.UnixEpoch, new IngestLogEntry("batch", "hash", plan, answer)));

        live.Trim();

        Assert.True(live.Trimmed);
        Assert.Null(live.Plan);
        Assert.NotSame(plan, live.Logged.Entry.Plan);
        Assert.Empty(live.Logged.Entry.Plan.Chunks);
        Assert.Equal(("batch", "hash", answer, 7L), (live.Logged.Entry.BatchId, live.Logged.Entry.Content, live.Logged.Entry.Answer, live.Sequence));
    }
}
