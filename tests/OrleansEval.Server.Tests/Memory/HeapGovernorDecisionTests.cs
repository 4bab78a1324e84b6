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

    [Fact]
    public void Decide_DueWhileAQuestionIsUnderWay_Waits()
    {
        Assert.Equal(HeapGovernorVerdict.QuestionsUnderWay, HeapGovernorDecision.Decide(151 * MB, 52 * MB, null, Now, Defaults, 1, null, null));
    }

    [Theory]
    [InlineData(0, HeapGovernorVerdict.QuestionsUnderWay)]
    [InlineData(4, HeapGovernorVerdict.QuestionsUnderWay)]
    [InlineData(5, HeapGovernorVerdict.Compact)]
    [InlineData(60, HeapGovernorVerdict.Compact)]
    public void Decide_DueSecondsAfterTheLastQuestionEnded_WaitsOutTheQuietTime(int secondsSince, HeapGovernorVerdict expected)
    {
        Assert.Equal(expected, HeapGovernorDecision.Decide(151 * MB, 52 * MB, null, Now, Defaults, 0, Now.AddSeconds(-secondsSince), null));
    }

    [Fact]
    public void Decide_PutOffForQuestionsForTheLongestDeferral_CompactsWhateverIsUnderWay()
    {
        Assert.Equal(HeapGovernorVerdict.QuestionsUnderWay, HeapGovernorDecision.Decide(151 * MB, 52 * MB, null, Now, Defaults, 2, Now, Now.AddSeconds(-119)));
        Assert.Equal(HeapGovernorVerdict.Compact, HeapGovernorDecision.Decide(151 * MB, 52 * MB, null, Now, Defaults, 2, Now, Now.AddMinutes(-2)));
    }

    [Fact]
    public void Decide_NotDue_SaysWhyWhateverTheQuestions()
    {
        Assert.Equal(HeapGovernorVerdict.BelowMinimum, HeapGovernorDecision.Decide(10 * MB, 0, null, Now, Defaults, 3, Now, null));
        Assert.Equal(HeapGovernorVerdict.TooSoon, HeapGovernorDecision.Decide(151 * MB, 52 * MB, Now.AddSeconds(-10), Now, Defaults, 3, Now, null));
    }
}
