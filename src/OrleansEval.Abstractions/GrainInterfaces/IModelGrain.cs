using System.Collections.Immutable;
using Orleans.Concurrency;
using OrleansEval.Baselines;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// One model's configuration: schema, series seen, baselines. Low traffic: ingest workers read it once and cache it.
/// Keyed by the model id.
/// </summary>
[Alias("OrleansEval.IModelGrain")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Registers the model or evolves its schema (adding columns); changing a column's type is a conflict.</summary>
    [Alias("Define")]
    Task<ModelChangeResult> DefineAsync(ModelDefinition definition);

    /// <summary>The model as it is now, or null when it was never registered.</summary>
    [Alias("Get")]
    Task<ModelSnapshot?> GetAsync();

    /// <summary>The current revision (-1 when unregistered): a cheap check of whether a cached snapshot is still current.</summary>
    [Alias("GetRevision")]
    [AlwaysInterleave]
    Task<long> GetRevisionAsync();

    /// <summary>
    /// Records that a version/environment series receives data and hands the feature grains of that series the bins
    /// of every active baseline. Idempotent.
    /// </summary>
    [Alias("RegisterSeries")]
    Task RegisterSeriesAsync(SeriesId series);

    /// <summary>Freezes (or re-freezes) a named baseline from the data already stored.</summary>
    [Alias("FreezeBaseline")]
    Task<BaselineResult> FreezeBaselineAsync(string name, BaselineSpec spec);

    /// <summary>A baseline by name, or null.</summary>
    [Alias("GetBaseline")]
    Task<Baseline?> GetBaselineAsync(string name);

    /// <summary>Defines or replaces a named slice; returns the field and rule at fault, or null.</summary>
    [Alias("DefineSlice")]
    Task<ModelChangeError?> DefineSliceAsync(SliceDefinition slice);

    /// <summary>Removes a named slice; false when there was none.</summary>
    [Alias("RemoveSlice")]
    Task<bool> RemoveSliceAsync(string name);

    /// <summary>Record counts per series.</summary>
    [Alias("GetSeriesCounts")]
    Task<ImmutableArray<SeriesCount>> GetSeriesCountsAsync();
}
