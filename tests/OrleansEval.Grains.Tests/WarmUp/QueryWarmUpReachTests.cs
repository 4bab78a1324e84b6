using OrleansEval.Grains.RootCause;
using OrleansEval.Grains.WarmUp;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.Tests.WarmUp;

/// <summary>
/// The warm-up takes the root-cause worker's own per-bin steps — the families' answers counted into a tally
/// (<see cref="PerBinState"/>), the findings and the classified answer (<see cref="PerBinAnswer"/>) — once for every mean
/// metric of a binary classifier, not a copy of them: if the worker's path moves to other code and the warm-up does not
/// follow, these counts stop moving.
/// </summary>
[Collection(WarmUpReachCollection.Name)]
public sealed class QueryWarmUpReachTests
{
    private const int MeanMetricsOfABinaryClassifier = 4;

    [Fact]
    public async Task RunAsync_TakesTheWorkersPerBinSteps_OncePerMetric()
    {
        var (counted, findings, classified) = (PerBinState.Counted, PerBinAnswer.FindingsRun, PerBinAnswer.Classifications);

        var answers = await QueryWarmUp.RunAsync(new FailureModeOptions(), 4_000_000, CancellationToken.None);

        Assert.Equal(MeanMetricsOfABinaryClassifier, PerBinState.Counted - counted);
        Assert.Equal(MeanMetricsOfABinaryClassifier, PerBinAnswer.FindingsRun - findings);
        Assert.Equal(MeanMetricsOfABinaryClassifier, PerBinAnswer.Classifications - classified);
        Assert.Equal(RootCauseSources.Kept, answers.RootCause.Report!.Baseline.Source);
        Assert.NotNull(answers.RootCause.Report.Current.Estimated);
    }
}
