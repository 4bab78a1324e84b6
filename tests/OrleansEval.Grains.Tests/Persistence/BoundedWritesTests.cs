using OrleansEval.Grains.Persistence;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Persistence;

/// <summary>A grain's writes run a bounded number at a time, and a failure is thrown only once the writes in flight have ended.</summary>
public sealed class BoundedWritesTests
{
    [Fact]
    public async Task Run_StartsAtMostTheBoundAndTheNextOnlyWhenOneEnds()
    {
        var gates = Enumerable.Range(0, 20).Select(_ => new TaskCompletionSource()).ToList();
        var started = 0;
        var run = BoundedWrites.RunAsync([.. gates.Select(g => (Func<Task>)(() => { started++; return g.Task; }))], 8);

        Assert.Equal(8, started);
        gates[3].SetResult();
        await Eventually.UntilAsync(() => started == 9, "the ninth write started", TimeSpan.FromSeconds(10));
        Assert.Equal(9, started);

        foreach (var gate in gates)
        {
            gate.TrySetResult();
        }

        await run;
        Assert.Equal(20, started);
    }

    [Fact]
    public async Task Run_AfterAFailure_StartsNoMoreAndThrowsItOnceTheWritesInFlightHaveEnded()
    {
        var gates = Enumerable.Range(0, 20).Select(_ => new TaskCompletionSource()).ToList();
        var started = 0;
        var run = BoundedWrites.RunAsync([.. gates.Select(g => (Func<Task>)(() => { started++; return g.Task; }))], 4);

        // The writes still in flight hold the failure back; once they end, no write has started after it.
        gates[1].SetException(new IOException("part 1 refused"));
        Assert.False(run.IsCompleted, "the failure must wait for the three writes still in flight");

        gates[0].SetResult();
        gates[2].SetResult();
        gates[3].SetResult();
        var thrown = await Assert.ThrowsAsync<IOException>(() => run);
        Assert.Equal("part 1 refused", thrown.Message);
        Assert.Equal(4, started);
    }
}
