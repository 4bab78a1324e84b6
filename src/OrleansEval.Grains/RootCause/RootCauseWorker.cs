using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Baselines;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.RootCause;
using OrleansEval.Rows;
using OrleansEval.Sketches.FailureModes;
using OrleansEval.Slices;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Answers root-cause questions: checks the question, reads the model and the baseline, and counts the window from the
/// slice grains' per-bin state (<see cref="PerBinState"/>) against the baseline's side its counter keeps (<see cref="BaselineSideGrain"/>), or,
/// when that state does not cover the question, streams the baseline's kept rows and the window's through
/// <see cref="RootCauseEngine"/>. A cancelled call stops the read.
/// </summary>
[StatelessWorker]
internal sealed partial class RootCauseWorker(
    IGrainFactory grains,
    IOptions<FailureModeOptions> failureModes,
    BaselineSideUses sideUses,
    QuestionsInFlight questions,
    ILogger<RootCauseWorker> logger) : Grain, IRootCauseWorker
{
    public async Task<RootCauseAnswer> RootCauseAsync(string modelId, RootCauseQuery query, CancellationToken cancellationToken = default)
    {
        if (RootCauseRules.Check(query) is { } broken)
        {
            return RootCauseAnswer.Invalid(broken.Field, broken.Rule);
        }

        var spans = new RootCauseSpans();
        var model = grains.GetGrain<IModelGrain>(modelId);
        var snapshot = await model.GetAsync();
        if (snapshot is null)
        {
            return RootCauseAnswer.UnknownModel(modelId);
        }

        var metric = query.Metric ?? RootCauseMetrics.DefaultFor(snapshot.Definition.Task);
        if (RootCauseRules.Applicability(metric, snapshot.Definition.Task) is { } inapplicable)
        {
            return RootCauseAnswer.Invalid("metric", inapplicable);
        }

        foreach (var condition in query.Conditions)
        {
            if (RowFilter.Check(condition, snapshot.Definition) is { } rule)
            {
                return RootCauseAnswer.Invalid("where", rule);
            }
        }

        var (baseline, refusal) = await BaselineAsync(modelId, model, snapshot, query.Baseline);
        if (baseline is null)
        {
            return RootCauseAnswer.Invalid("baseline", refusal!);
        }

        // Counted from here, where the question's reads begin: a refused question keeps no compaction waiting.
        using var underWay = questions.Begin();
        spans.End("model");

        // The estimate reads the whole series' performance, apart from the counts: asked beside them, not after.
        var estimating = EstimatedAsync(modelId, query, metric);
        var report = await ReportAsync(modelId, snapshot, baseline, query, metric, spans, cancellationToken);
        var estimated = await estimating;
        spans.End("estimate");
        var answer = PerBinAnswer.Classified(report, estimated, failureModes.Value);
        spans.End("classify");
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var (took, parts) = ((long)spans.Elapsed.TotalMilliseconds, spans.ToString());
            LogSpans(logger, modelId, metric, report.Source, took, parts);
        }

        return answer;
    }

    // From the per-bin state when it covers the question, else from rows; an unsliced question says why it took rows.
    private async Task<RootCauseReport> ReportAsync(string modelId, ModelSnapshot snapshot, Baseline baseline, RootCauseQuery query, string metric, RootCauseSpans spans, CancellationToken cancellationToken)
    {
        var refusal = PerBinRefusal(query) ?? PerBinState.Misaligned(query, snapshot.Definition.Bucket);
        if (refusal is null)
        {
            var (tally, side) = await BaselineTallyAsync(modelId, snapshot.Definition, baseline, metric, spans, cancellationToken);
            refusal = await PerBinState.CountAsync(grains, modelId, snapshot, baseline, query, metric, tally, spans);
            if (refusal is null)
            {
                var binned = PerBinAnswer.Findings(query, metric, baseline.Name, tally, side.Source, side.Reason);
                spans.End("findings");
                return binned;
            }
        }

        var baselineRows = grains.ReadRowsAsync(BaselineRows.Query(modelId, baseline), cancellationToken);
        var currentRows = grains.ReadRowsAsync(new RowQuery(modelId, query.Version, query.Environment, query.From, query.To), cancellationToken);
        var report = await RootCauseEngine.RunAsync(snapshot.Definition, baseline, query, metric, baselineRows, currentRows, cancellationToken);
        spans.End("rows");
        return query.Conditions.IsEmpty && query.Source != RootCauseSources.Rows
            ? report with { Gaps = [.. report.Gaps, new RootCauseGap(RootCauseSources.Bins, "counted from rows: " + refusal)] }
            : report;
    }

    private static string? PerBinRefusal(RootCauseQuery query)
    {
        if (query.Source == RootCauseSources.Rows || !query.Conditions.IsEmpty)
        {
            return query.Source == RootCauseSources.Rows ? "rows were asked for" : "the per-bin state is kept for whole series, not for a drill-down";
        }

        return query.Version is null || query.Environment is null
            ? "the per-bin state is kept per series, not for every series at once"
            : null;
    }

    // The baseline's side as its counter keeps it, when counted over its rows as they stand; otherwise (a count still
    // under way, or failed) counted from its rows now — the same figures, at the cost of a read, which the answer, the
    // log and the counter say.
    private async Task<(RootCauseTally Tally, BaselineSideUse Side)> BaselineTallyAsync(string modelId, ModelDefinition definition, Baseline baseline, string metric, RootCauseSpans spans, CancellationToken cancellationToken)
    {
        var revision = await BaselineRevision.ReadAsync(grains, modelId, baseline);
        spans.End("revision");
        var side = await grains.GetGrain<IBaselineSideGrain>(BaselineSideKey.For(modelId, baseline.Name, baseline.Revision)).GetAsync(baseline, metric, revision);
        spans.End("side");
        var kept = side.Counts is null ? null : RootCauseTally.WithBaseline(definition, baseline, metric, side.Counts);
        spans.End("sideCopy");
        var use = kept is null
            ? new BaselineSideUse(RootCauseSources.Rows, side.Reason ?? "the kept counts do not fit the baseline's bins", side.Waited)
            : new BaselineSideUse(RootCauseSources.Kept, side.Reason, side.Waited);
        Record(modelId, baseline.Name, use);
        if (kept is not null)
        {
            return (kept, use);
        }

        var counted = await RootCauseEngine.CountBaselineAsync(definition, baseline, [metric], grains.ReadRowsAsync(BaselineRows.Query(modelId, baseline), cancellationToken), cancellationToken);
        return (counted[0].CopyBaseline(), use);
    }

    // Every question is counted by where its baseline side came from; one that did not read the kept counts straight is logged with why.
    private void Record(string modelId, string baseline, BaselineSideUse use)
    {
        sideUses.Count(use.Source, use.Waited > TimeSpan.Zero);
        if (use.Reason is { } reason)
        {
            LogBaselineSideNotKept(logger, modelId, baseline, use.Source, (long)use.Waited.TotalMilliseconds, reason);
        }
    }

    // The series' label-free estimate of accuracy (CBPE), which the slice grains keep for the whole series only.
    private async Task<double?> EstimatedAsync(string modelId, RootCauseQuery query, string metric)
    {
        if (!query.Conditions.IsEmpty || query.Version is null || query.Environment is null || metric is not (RootCauseMetrics.Accuracy or RootCauseMetrics.ErrorRate))
        {
            return null;
        }

        // The estimate alone: the whole-model family keeps its estimation states merged per day, so this merges a state a
        // day rather than the window's whole performance state.
        var estimate = await grains.GetGrain<IQueryWorker>(0).GetEstimateAsync(
            modelId,
            new PerformanceQuery(query.Version, query.Environment, query.From, query.To, SliceKey.All, null, Monthly: false));
        var accuracy = estimate?[RootCauseMetrics.Accuracy]?.Value;
        return metric == RootCauseMetrics.ErrorRate ? 1 - accuracy : accuracy;
    }

    private static async Task<(Baseline? Baseline, string? Refusal)> BaselineAsync(string modelId, IModelGrain model, ModelSnapshot snapshot, string? name)
    {
        if (name is not null)
        {
            return await model.GetBaselineAsync(name) is { } named
                ? (named, null)
                : (null, $"model '{modelId}' has no baseline named '{name}'");
        }

        return await LatestBaseline.OfAsync(model, snapshot) is { } latest
            ? (latest, null)
            : (null, $"model '{modelId}' has no baseline: freeze one first");
    }

    [LoggerMessage(EventId = 1223, Level = LogLevel.Debug, Message = "Root cause of {Model} under {Metric} from {Source} took {TookMs} ms: {Spans}")]
    private static partial void LogSpans(ILogger logger, string model, string metric, string source, long tookMs, string spans);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Warning, Message = "Root cause of {Model} against baseline {Baseline}: its side came from {Source} after waiting {WaitedMs} ms, since {Reason}")]
    private static partial void LogBaselineSideNotKept(ILogger logger, string model, string baseline, string source, long waitedMs, string reason);

    /// <summary>Where a question took its baseline's side from, why not from the kept counts when it did not, and how long it waited.</summary>
    private readonly record struct BaselineSideUse(string Source, string? Reason, TimeSpan Waited);
}
