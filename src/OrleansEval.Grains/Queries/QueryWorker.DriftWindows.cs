using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Models;

namespace OrleansEval.Grains.Queries;

/// <summary>The drift of a sequence of windows: the model and baseline read once, every window asked at once.</summary>
internal sealed partial class QueryWorker
{
    public async Task<DriftWindowsAnswer> GetDriftWindowsAsync(string modelId, DriftWindowsQuery query)
    {
        var model = grains.GetGrain<IModelGrain>(modelId);
        var snapshot = await model.GetAsync();
        if (snapshot is null)
        {
            return Refused("modelId", $"model '{modelId}' is not registered", notFound: true);
        }

        var baseline = await model.GetBaselineAsync(query.Baseline);
        if (baseline is null)
        {
            return Refused("baseline", $"model '{modelId}' has no baseline named '{query.Baseline}'");
        }

        var (windows, failure) = Windows(snapshot, query);
        if (failure is not null)
        {
            return Refused("granularity", failure);
        }

        // Each window is the single-window question of its bounds, so each report is the one GET …/drift answers for it.
        var reports = await Task.WhenAll(windows.Select(window =>
            ReportAsync(modelId, snapshot, baseline, new DriftQuery(query.Baseline, query.Version, query.Environment, window.From, window.To))));
        return new DriftWindowsAnswer([.. reports], null, null, NotFound: false);
    }

    // The span snapped to the model's buckets and cut into steps, as a performance series cuts it.
    private static (IReadOnlyList<TimeWindow> Windows, string? Failure) Windows(ModelSnapshot snapshot, DriftWindowsQuery query)
    {
        if (query.Step is null && !query.Monthly)
        {
            return ([], "is required: a duration such as 1d or 7d, or 'month'");
        }

        if (query.Step > DriftWindowsQuery.MaxStep)
        {
            return ([], $"must be at most {DriftWindowsQuery.MaxStep.TotalDays:F0} days");
        }

        var bucket = snapshot.Definition.Bucket;
        var (windows, error) = TimeSteps.Split(TimeWindow.Snap(query.From, query.To, bucket), bucket, query.Step, query.Monthly);
        return error is not null ? ([], error)
            : windows.Count > DriftWindowsQuery.MaxWindows ? ([], $"makes {windows.Count} windows, more than {DriftWindowsQuery.MaxWindows}: choose a coarser step or a shorter span")
            : (windows, null);
    }

    private static DriftWindowsAnswer Refused(string field, string rule, bool notFound = false) => new([], field, rule, notFound);
}
