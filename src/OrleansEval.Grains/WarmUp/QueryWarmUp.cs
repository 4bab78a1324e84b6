using OrleansEval.Drift;
using OrleansEval.Grains.FailureModes;
using OrleansEval.Grains.Features;
using OrleansEval.Grains.Recommendations;
using OrleansEval.Grains.RootCause;
using OrleansEval.Grains.WorstSlices;
using OrleansEval.Models;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.Rows;
using OrleansEval.Sketches.FailureModes;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.WarmUp;

/// <summary>
/// Runs the query paths' own code — root cause from rows and from a kept baseline side under every mean metric of a
/// binary classifier, the failure-mode rules, the recommendations, the worst-slice search and the drift from rows — on a
/// small synthetic model held in memory (<see cref="WarmUpRows"/>), so that a process's first real question does not pay
/// for compiling and first use of that code. It reads and writes no storage, calls no grain and names no stored model.
/// </summary>
public static class QueryWarmUp
{
    private static readonly string[] Metrics = [RootCauseMetrics.Accuracy, RootCauseMetrics.ErrorRate, RootCauseMetrics.LogLoss, RootCauseMetrics.Brier];

    /// <summary>
    /// Runs every query path of the engine on the synthetic model — root cause from rows under each mean metric of a
    /// binary classifier and the failure-mode rules on each — then <see cref="AnswersAsync"/>; its answers.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<QueryWarmUpAnswers> RunAsync(FailureModeOptions failureModes, long ksExactCellBudget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failureModes);
        var query = Question();

        // The rows path, under each metric, as a drill-down or `source=rows` takes it.
        foreach (var metric in Metrics)
        {
            var fromRows = await RootCauseEngine.RunAsync(WarmUpRows.Definition, WarmUpRows.Baseline, query, metric, BaselineRows(), CurrentRows(), cancellationToken);
            RootCauseFailureModes.Classify(fromRows, failureModes);
        }

        return await AnswersAsync(failureModes, ksExactCellBudget, cancellationToken);
    }

    /// <summary>
    /// One answer of each kind for the synthetic model, as the query workers would give it: root cause from a kept
    /// baseline side under accuracy, classified; the recommendations; the worst slices; the drift from rows.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<QueryWarmUpAnswers> AnswersAsync(FailureModeOptions failureModes, long ksExactCellBudget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failureModes);
        var (definition, baseline, series) = (WarmUpRows.Definition, WarmUpRows.Baseline, WarmUpRows.CurrentSeries);
        var query = Question();

        // The per-bin path as the worker takes it, under every metric, past its grain reads: the baseline's side counted
        // once for every metric and kept, read into a tally for the question, the window's side counted from what the
        // slice families and the score's column would answer, then the findings, the estimate and the verdict.
        var sides = await RootCauseEngine.CountBaselineAsync(definition, baseline, Metrics, BaselineRows(), cancellationToken);
        var features = sides[0].Features.Select(feature => feature.Name).ToList();
        var families = WarmUpFamilies.Answers(features);
        var (prediction, estimated) = (WarmUpFamilies.PredictionCounts(), WarmUpFamilies.EstimatedAccuracy());
        var answers = new List<RootCauseAnswer>();
        for (var m = 0; m < Metrics.Length; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tally = RootCauseTally.WithBaseline(definition, baseline, Metrics[m], sides[m].BaselineCounts())
                ?? throw new InvalidOperationException("The synthetic baseline's kept side does not fit its own bins.");
            if (PerBinState.Count(new TimeWindow(WarmUpRows.From, WarmUpRows.To), Metrics[m], families, tally) is { } refusal)
            {
                throw new InvalidOperationException("The synthetic families' counts do not fit the baseline's bins: " + refusal);
            }

            PerBinOutputs.Count(definition, PerBinState.Total(families), prediction, tally);
            var report = PerBinAnswer.Findings(query, Metrics[m], baseline.Name, tally, RootCauseSources.Kept, sourceNote: null);
            answers.Add(PerBinAnswer.Classified(report, Metrics[m] == RootCauseMetrics.ErrorRate ? 1 - estimated : estimated, failureModes));
        }

        var rootCause = answers[0].Report!;

        var advice = new RecommendationQuery { Version = series.Version, Environment = series.Environment, From = WarmUpRows.From, To = WarmUpRows.To };
        var recommendation = RecommendationWorker.Recommend(WarmUpRows.ModelId, advice, rootCause, failureModes);

        var search = new WorstSliceQuery(
            series.Version, series.Environment, WarmUpRows.From, WarmUpRows.To, baseline.Name, SliceErrorMetrics.Error, MinSize: null,
            WorstSliceRules.DefaultMaxConditions, WorstSliceRules.DefaultAlpha, WorstSliceRules.DefaultLimit);
        var worstSlices = await WorstSliceSearch.RunAsync(definition, baseline, search, CurrentRows(), cancellationToken);

        var driftQuery = new DriftQuery(baseline.Name, series.Version, series.Environment, WarmUpRows.From, WarmUpRows.To, Conditions: []);
        var drift = await SlicedDrift.ReportAsync(WarmUpRows.Snapshot, baseline, driftQuery, ksExactCellBudget, BaselineRows(), CurrentRows());

        return new QueryWarmUpAnswers(
            WarmUpRows.ModelId,
            query,
            sides[0].BaselineCounts(),
            answers[0],
            advice,
            new RecommendationAnswer(recommendation, null, null, NotFound: false),
            search,
            WorstSliceAnswer.Answered(worstSlices),
            driftQuery,
            new DriftAnswer(drift, null, null, NotFound: false));
    }

    private static RootCauseQuery Question() =>
        new() { Version = WarmUpRows.CurrentSeries.Version, Environment = WarmUpRows.CurrentSeries.Environment, From = WarmUpRows.From, To = WarmUpRows.To };

    private static IAsyncEnumerable<RowBlock> BaselineRows() => WarmUpRows.Stream(WarmUpRows.BaselineBlocks);

    private static IAsyncEnumerable<RowBlock> CurrentRows() => WarmUpRows.Stream(WarmUpRows.CurrentBlocks);
}
