using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Baselines;
using OrleansEval.Grains.FailureModes;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.RootCause;
using OrleansEval.Rows;
using OrleansEval.Sketches.FailureModes;
using OrleansEval.Slices;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Answers root-cause questions: checks the question, reads the model and the baseline, and counts the window from the
/// slice grains' per-bin state (<see cref="PerBinState"/>) against the baseline's rows counted once per silo (<see cref="BaselineTallies"/>), or,
/// when that state does not cover the question, streams the baseline's kept rows and the window's through
/// <see cref="RootCauseEngine"/>. A cancelled call stops the read.
/// </summary>
[StatelessWorker]
internal sealed class RootCauseWorker(IGrainFactory grains, IOptions<FailureModeOptions> failureModes, BaselineTallies baselines) : Grain, IRootCauseWorker
{
    // A baseline without an event-time window covers every kept row of its series.
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<RootCauseAnswer> RootCauseAsync(string modelId, RootCauseQuery query, CancellationToken cancellationToken = default)
    {
        if (RootCauseRules.Check(query) is { } broken)
        {
            return RootCauseAnswer.Invalid(broken.Field, broken.Rule);
        }

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

        var report = await ReportAsync(modelId, snapshot, baseline, query, metric, cancellationToken);
        var estimated = await EstimatedAsync(modelId, query, metric);
        var estimatedReport = report with { Current = report.Current with { Estimated = estimated } };
        return RootCauseAnswer.Answered(RootCauseFailureModes.Classify(estimatedReport, failureModes.Value));
    }

    // From the per-bin state when it covers the question, else from rows; an unsliced question says why it took rows.
    private async Task<RootCauseReport> ReportAsync(string modelId, ModelSnapshot snapshot, Baseline baseline, RootCauseQuery query, string metric, CancellationToken cancellationToken)
    {
        var refusal = PerBinRefusal(query, metric);
        if (refusal is null)
        {
            var tally = (await BaselineTallyAsync(modelId, snapshot.Definition, baseline, metric, cancellationToken)).CopyBaseline();
            refusal = await PerBinState.CountAsync(grains, modelId, snapshot, baseline, query, metric, tally);
            if (refusal is null)
            {
                return RootCauseFindings.Report(query, metric, baseline.Name, tally);
            }
        }

        var spec = baseline.Spec;
        var baselineRows = grains.ReadRowsAsync(new RowQuery(modelId, spec.Version, spec.Environment, spec.From ?? Earliest, spec.To ?? Latest), cancellationToken);
        var currentRows = grains.ReadRowsAsync(new RowQuery(modelId, query.Version, query.Environment, query.From, query.To), cancellationToken);
        var report = await RootCauseEngine.RunAsync(snapshot.Definition, baseline, query, metric, baselineRows, currentRows, cancellationToken);
        return query.Conditions.IsEmpty && query.Source != RootCauseSources.Rows
            ? report with { Gaps = [.. report.Gaps, new RootCauseGap(RootCauseSources.Bins, "counted from rows: " + refusal)] }
            : report;
    }

    private static string? PerBinRefusal(RootCauseQuery query, string metric)
    {
        if (query.Source == RootCauseSources.Rows || !query.Conditions.IsEmpty)
        {
            return query.Source == RootCauseSources.Rows ? "rows were asked for" : "the per-bin state is kept for whole series, not for a drill-down";
        }

        if (query.Version is null || query.Environment is null)
        {
            return "the per-bin state is kept per series, not for every series at once";
        }

        return PerBinState.Answers(metric) ? null : $"the per-bin state keeps no sum of squares of the {metric} loss, which the significance test needs";
    }

    // The baseline's side counted from its rows once, again only when anything was counted in its series since.
    private async Task<RootCauseTally> BaselineTallyAsync(string modelId, ModelDefinition definition, Baseline baseline, string metric, CancellationToken cancellationToken)
    {
        var spec = baseline.Spec;
        var window = new TimeWindow(spec.From ?? Earliest, spec.To ?? Latest);
        var series = grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, new SeriesId(spec.Version, spec.Environment), SliceKey.All));
        var stamp = (await series.GetBinCountsAsync(window)).Revision;
        return await baselines.GetAsync(
            $"{modelId}/{baseline.Name}/{baseline.Revision}/{metric}",
            stamp,
            () => RootCauseEngine.CountBaselineAsync(definition, baseline, metric, grains.ReadRowsAsync(new RowQuery(modelId, spec.Version, spec.Environment, window.From, window.To), cancellationToken), cancellationToken));
    }

    // The series' label-free estimate of accuracy (CBPE), which the slice grains keep for the whole series only.
    private async Task<double?> EstimatedAsync(string modelId, RootCauseQuery query, string metric)
    {
        if (!query.Conditions.IsEmpty || query.Version is null || query.Environment is null || metric is not (RootCauseMetrics.Accuracy or RootCauseMetrics.ErrorRate))
        {
            return null;
        }

        var performance = await grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(
            modelId,
            new PerformanceQuery(query.Version, query.Environment, query.From, query.To, SliceKey.All, null, Monthly: false));
        var accuracy = performance.Report?.Total.Estimated[RootCauseMetrics.Accuracy]?.Value;
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
}
