using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Features;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.Grains.Baselines;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Models;
using OrleansEval.Grains.Rollups;
using OrleansEval.Grains.Slices;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Rows;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Queries;

/// <summary>
/// Answers read questions: reads the model (and baseline) once, then asks every column or slice grain involved in
/// parallel, so the work spreads over the silos that host them. Windows are widened to whole days where they cut a
/// rolled-up day, and the answer reports the window it was computed for.
/// </summary>
[StatelessWorker]
internal sealed partial class QueryWorker(
    IGrainFactory grains,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time) : Grain, IQueryWorker
{
    public async Task<DriftAnswer> GetDriftAsync(string modelId, DriftQuery query)
    {
        var model = grains.GetGrain<IModelGrain>(modelId);
        var snapshot = await model.GetAsync();
        if (snapshot is null)
        {
            return new DriftAnswer(null, "modelId", $"model '{modelId}' is not registered", NotFound: true);
        }

        var baseline = await model.GetBaselineAsync(query.Baseline);
        if (baseline is null)
        {
            return new DriftAnswer(null, "baseline", $"model '{modelId}' has no baseline named '{query.Baseline}'", NotFound: false);
        }

        if (query.IsSliced)
        {
            foreach (var condition in query.Conditions)
            {
                if (RowFilter.Check(condition, snapshot.Definition) is { } rule)
                {
                    return new DriftAnswer(null, "where", rule, NotFound: false);
                }
            }

            return new DriftAnswer(await SlicedDrift.ReportAsync(grains, snapshot, baseline, query, options.Value.KsExactCellBudget), null, null, NotFound: false);
        }

        return new DriftAnswer(await ReportAsync(modelId, snapshot, baseline, query), null, null, NotFound: false);
    }

    // The unsliced drift of every column in the query's window, from the column grains, which hold the counts.
    private async Task<DriftReport> ReportAsync(string modelId, ModelSnapshot snapshot, Baseline baseline, DriftQuery query)
    {
        var window = DayRollup.For(snapshot.Definition.Bucket, options.Value).Widen(TimeWindow.Snap(query.From, query.To, snapshot.Definition.Bucket), time.GetUtcNow());
        var series = new SeriesId(query.Version, query.Environment);
        var policy = DriftPolicy.Default;
        var columns = ModelColumns.For(snapshot.Definition);
        Task<ColumnDrift[]> AskAsync(TimeWindow window) => Task.WhenAll(columns.Select(column =>
        {
            var reference = baseline.FindColumn(column.Name);
            return reference is null
                ? Task.FromResult(ColumnDriftCalculator.NotInBaseline(column))
                : grains.GetGrain<IFeatureGrain>(FeatureKey.For(modelId, series, column.Name).ToString())
                    .GetDriftAsync(new ColumnDriftRequest(baseline.CounterKey, reference, window, policy));
        }));

        var drifts = await AskAsync(window);
        var covered = Union(window, drifts.Select(d => d.Window));
        if (covered != window)
        {
            window = covered;
            drifts = await AskAsync(window);
        }

        // The actual column exists from the model's creation (unlike a feature added later), so it has every record.
        var last = drifts.Length == 0 ? null : drifts[^1];
        return new DriftReport
        {
            ModelId = modelId,
            Baseline = baseline.Name,
            Version = query.Version,
            Environment = query.Environment,
            Window = window,
            Count = last is null ? 0 : last.Count + last.Missing,
            Features = [.. drifts.Where((_, i) => columns[i].Role == ColumnRole.Feature)],
            Prediction = [.. drifts.Where((_, i) => columns[i].Role == ColumnRole.Prediction)],
            Actual = [.. drifts.Where((_, i) => columns[i].Role == ColumnRole.Actual)],
        };
    }

    public async Task<PerformanceAnswer> GetPerformanceAsync(string modelId, PerformanceQuery query)
    {
        var snapshot = await grains.GetGrain<IModelGrain>(modelId).GetAsync();
        if (snapshot is null)
        {
            return new PerformanceAnswer(null, "modelId", $"model '{modelId}' is not registered", NotFound: true);
        }

        var slice = SliceRouter.Resolve(snapshot, SliceKey.FromApiId(query.Slice));
        if (!SliceRouter.EnumerateFamilies(snapshot).Contains(slice.Family))
        {
            return new PerformanceAnswer(null, "slice", $"{Quoting.Quote(query.Slice)} is not a slice of this model (try 'all', 'column = value', 'column in [a, b)' or a defined slice's name)", NotFound: true);
        }

        var bucket = snapshot.Definition.Bucket;
        var rollup = DayRollup.For(bucket, options.Value);
        var now = time.GetUtcNow();
        var window = PerformanceWindow(snapshot, query, rollup, now);
        var steps = TimeSteps.Split(window, bucket, query.Granularity, query.Monthly);
        if (steps.Error is not null)
        {
            return new PerformanceAnswer(null, "granularity", steps.Error, NotFound: false);
        }

        var series = new SeriesId(query.Version, query.Environment);
        var grain = grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, slice.Family));
        ImmutableArray<TimeWindow> asked = [window, .. TimeSteps.Coalesce(steps.Windows, step => rollup.Widen(step, now))];
        var answers = await grain.GetPerformanceAsync(slice.Member, asked);
        if (answers.IsEmpty)
        {
            return new PerformanceAnswer(null, "slice", $"no record of version '{query.Version}' in '{query.Environment}' has reached slice {Quoting.Quote(query.Slice)}", NotFound: true);
        }

        var answered = answers.Select(a => new TimeWindow(a.From, a.To)).ToList();
        if (!answered.SequenceEqual(asked))
        {
            answers = await grain.GetPerformanceAsync(slice.Member, [answered[0], .. TimeSteps.Coalesce(answered.Skip(1), step => step)]);
        }

        return new PerformanceAnswer(new PerformanceReport(modelId, query.Version, query.Environment, answers[0], answers[1..]), null, null, NotFound: false);
    }

    public async Task<MetricSet?> GetEstimateAsync(string modelId, PerformanceQuery query)
    {
        var snapshot = await grains.GetGrain<IModelGrain>(modelId).GetAsync();
        if (snapshot is null)
        {
            return null;
        }

        var window = PerformanceWindow(snapshot, query, DayRollup.For(snapshot.Definition.Bucket, options.Value), time.GetUtcNow());
        var family = grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, new SeriesId(query.Version, query.Environment), SliceKey.All));
        return await family.GetEstimateAsync(window);
    }

    // A performance question's window: snapped to the model's buckets and widened over the days rolled up by now.
    private static TimeWindow PerformanceWindow(ModelSnapshot snapshot, PerformanceQuery query, DayRollup rollup, DateTimeOffset now) =>
        rollup.Widen(TimeWindow.Snap(query.From, query.To, snapshot.Definition.Bucket), now);

    public async Task<SliceListing?> ListSlicesAsync(string modelId, SeriesId series, TimeWindow window)
    {
        var snapshot = await grains.GetGrain<IModelGrain>(modelId).GetAsync();
        if (snapshot is null)
        {
            return null;
        }

        var bucket = snapshot.Definition.Bucket;
        var rollup = DayRollup.For(bucket, options.Value);
        var now = time.GetUtcNow();
        window = rollup.Widen(TimeWindow.Snap(window.From, window.To, bucket), now);
        var families = SliceRouter.EnumerateFamilies(snapshot).ToList();
        Task<ImmutableArray<SlicePerformance>[]> AskAsync(TimeWindow window) =>
            Task.WhenAll(families.Select(f => grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, f)).GetMembersAsync(window)));

        var current = await AskAsync(window);
        var covered = Union(window, current.SelectMany(a => a).Select(p => new TimeWindow(p.From, p.To)));
        if (covered != window)
        {
            window = covered;
            current = await AskAsync(window);
        }

        // The same slices in the latest baseline's series and window are what "change" is measured against.
        var baseline = snapshot.Baselines.IsDefaultOrEmpty ? null : await LatestBaseline.OfAsync(grains.GetGrain<IModelGrain>(modelId), snapshot);
        var reference = new Dictionary<string, SlicePerformance>(StringComparer.Ordinal);
        (long Rows, bool Sampled)? baselineRows = null;
        if (baseline is not null)
        {
            var baselineSeries = new SeriesId(baseline.Spec.Version, baseline.Spec.Environment);
            var baselineWindow = BaselineWindows.Of(baseline.Spec, rollup, now);
            var answers = await Task.WhenAll(families.Select(f => grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, baselineSeries, f)).GetMembersAsync(baselineWindow)));
            foreach (var performance in answers.SelectMany(a => a))
            {
                reference[performance.Slice] = performance;
            }

            // Numeric bins slice only records that arrive after their baseline; the baseline's own come from its kept rows.
            if (current.SelectMany(a => a).Any(c => !reference.ContainsKey(c.Slice) && RowBinPerformance.IsNumericBin(c.Slice)))
            {
                var from = baselineWindow?.From ?? DateTimeOffset.UnixEpoch;
                var to = baselineWindow?.To ?? now;
                var rows = grains.ReadRowsAsync(new RowQuery(modelId, baselineSeries.Version, baselineSeries.Environment, from, to));
                var (bins, read, sampled) = await RowBinPerformance.ReadAsync(rows, snapshot);
                foreach (var (slice, performance) in bins)
                {
                    reference.TryAdd(slice, performance);
                }

                baselineRows = (read, sampled);
            }
        }

        var regression = snapshot.Definition.Task == ModelTask.Regression;
        var backfills = await BackfillsAsync(modelId, snapshot);
        var statuses = current.SelectMany(a => a).Select(c => SliceStatuses.Of(c, reference.GetValueOrDefault(c.Slice), regression, baseline) with
        {
            Backfill = backfills.GetValueOrDefault(c.Slice),
        });
        return new SliceListing(modelId, series.Version, series.Environment, window.From, window.To, [.. statuses])
        {
            BaselineRows = baselineRows?.Rows,
            BaselineRowsSampled = baselineRows?.Sampled ?? false,
        };
    }

    // The backfill of each named slice, by the name the listing gives it.
    private async Task<Dictionary<string, BackfillStatus>> BackfillsAsync(string modelId, ModelSnapshot snapshot)
    {
        var statuses = await Task.WhenAll(snapshot.Slices.Select(s =>
            grains.GetGrain<ISliceBackfillGrain>(SliceBackfillKey.For(modelId, s.Name)).GetStatusAsync()));
        return statuses.OfType<BackfillStatus>().ToDictionary(s => s.Slice, StringComparer.Ordinal);
    }

    // A grain may hold a rolled-up day that is not due by the store's rule (rollups turned off since, or a clock set
    // back); it then answers for more than was asked, and every grain is asked again for that wider window.
    private static TimeWindow Union(TimeWindow window, IEnumerable<TimeWindow?> answered)
    {
        var (from, to) = (window.From, window.To);
        foreach (var other in answered)
        {
            if (other is not null)
            {
                from = other.From < from ? other.From : from;
                to = other.To > to ? other.To : to;
            }
        }

        return from == window.From && to == window.To ? window : new TimeWindow(from, to);
    }
}
