using OrleansEval.Drift;
using OrleansEval.Performance;

namespace OrleansEval.GrainInterfaces;

/// <summary>Answers read questions by fanning out to column grains in parallel. A stateless worker.</summary>
[Alias("OrleansEval.IQueryWorker")]
public interface IQueryWorker : IGrainWithIntegerKey
{
    /// <summary>The drift of every column of a model in a window against a baseline.</summary>
    [Alias("GetDrift")]
    Task<DriftAnswer> GetDriftAsync(string modelId, DriftQuery query);

    /// <summary>The drift of every column in each window of a sequence, each window answered as <see cref="GetDriftAsync"/> answers it alone.</summary>
    [Alias("GetDriftWindows")]
    Task<DriftWindowsAnswer> GetDriftWindowsAsync(string modelId, DriftWindowsQuery query);

    /// <summary>Realised and estimated performance of one slice over a window, and as a time series.</summary>
    [Alias("GetPerformance")]
    Task<PerformanceAnswer> GetPerformanceAsync(string modelId, PerformanceQuery query);

    /// <summary>
    /// The estimated performance of the whole series over the query's window, as <see cref="GetPerformanceAsync"/>
    /// answers it for the slice <c>all</c>, without its realised metrics; null when the model is not registered.
    /// </summary>
    [Alias("GetEstimate")]
    Task<MetricSet?> GetEstimateAsync(string modelId, PerformanceQuery query);

    /// <summary>The status of every slice of a series in a window; null when the model is unknown.</summary>
    [Alias("ListSlices")]
    Task<SliceListing?> ListSlicesAsync(string modelId, Models.SeriesId series, Models.TimeWindow window);
}
