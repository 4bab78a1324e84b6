using OrleansEval.Server.Memory;

namespace OrleansEval.Server.Tests.Memory;

public sealed class HeapGovernorDecisionTests
{
    private const long MB = 1024 * 1024;
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);
    private static readonly HeapGovernorOptions Defaults = new();

    [Fact]
    public void Decide_FreeAboveTheMinimumAndTheLiveBytes_NeverCompactedBefore_Compacts()
    {
        Assert.Equal(HeapGovernorVerdict.Compact, HeapGovernorDecision.Decide(151 * MB, 52 * MB, null, Now, Defaults));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(64L, 0L)]
    [InlineData(63L, 10L)]
    public void Decide_FreeAtOrBelowTheMinimum_DoesNotCompact(long freeMB, long liveMB)
    {
        Assert.Equal(HeapGovernorVerdict.BelowMinimum, HeapGovernorDecision.Decide(freeMB * MB, liveMB * MB, null, Now, Defaults));
    }

    [Theory]
    [InlineData(100L, 100L)]
    [InlineData(100L, 300L)]
    public void Decide_FreeAboveTheMinimumButNotAboveTheLiveBytes_DoesNotCompact(long freeMB, long liveMB)
    {
        Assert.Equal(HeapGovernorVerdict.BelowRatio, HeapGovernorDecision.Decide(freeMB * MB, liveMB * MB, null, Now, Defaults));
    }

    [Fact]
    public void Decide_RatioSetting_ScalesTheLiveBound()
    {
        var half = new HeapGovernorOptions { FreeToLiveRatio = 0.5 };

        Assert.Equal(HeapGovernorVerdict.Compact, HeapGovernorDecision.Decide(100 * MB, 150 * MB, null, Now, half));
        Assert.Equal(HeapGovernorVerdict.BelowRatio, HeapGovernorDecision.Decide(100 * MB, 250 * MB, null, Now, half));
    }

    [Fact]
    public void Decide_LastCompactionWithinTheInterval_WaitsAndCompactsOnTheTickAnIntervalLater()
    {
        Assert.Equal(HeapGovernorVerdict.TooSoon, HeapGovernorDecision.Decide(200 * MB, 50 * MB, Now.AddSeconds(-15), Now, Defaults));
        Assert.Equal(HeapGovernorVerdict.TooSoon, HeapGovernorDecision.Decide(200 * MB, 50 * MB, Now.AddSeconds(-28.9), Now, Defaults));
        Assert.Equal(HeapGovernorVerdict.Compact, HeapGovernorDecision.Decide(200 * MB, 50 * MB, Now.AddSeconds(-29.5), Now, Defaults));
        Assert.Equal(HeapGovernorVerdict.Compact, HeapGovernorDecision.Decide(200 * MB, 50 * MB, Now.AddSeconds(-30), Now, Defaults));
    }

    [Fact]
    public void Decide_NegativeLiveBytes_AreTakenAsNone()
    {
        Assert.Equal(HeapGovernorVerdict.Compact, HeapGovernorDecision.Decide(65 * MB, -5 * MB, null, Now, Defaults));
    }
}
