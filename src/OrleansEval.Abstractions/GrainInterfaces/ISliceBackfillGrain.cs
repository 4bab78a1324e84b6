using OrleansEval.Slices;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// Counts a named slice over the kept rows that were counted before the slice was defined (key "model/slice"), so a
/// slice defined today answers for every day the row store keeps. Each part of the run is applied to the slice family
/// at a position of its own, so a run repeated, resumed or retried counts every row once.
/// </summary>
[Alias("OrleansEval.ISliceBackfillGrain")]
public interface ISliceBackfillGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the backfill of the slice's current definition and answers its status at once; a run still going (of
    /// any definition), or one of the same definition that is done, is answered as it stands. Null when the model has
    /// no slice of that name.
    /// </summary>
    [Alias("Start")]
    Task<BackfillStatus?> StartAsync();

    /// <summary>The status of the latest run, or null when none was started.</summary>
    [Alias("GetStatus")]
    Task<BackfillStatus?> GetStatusAsync();
}
