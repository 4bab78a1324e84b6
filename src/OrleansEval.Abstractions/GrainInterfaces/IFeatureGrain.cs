using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// The distribution of one column of one series over time, per event-time bucket. Keyed by <see cref="Keys.FeatureKey"/>.
/// Hot: one call per ingest batch.
/// </summary>
[Alias("OrleansEval.IFeatureGrain")]
public interface IFeatureGrain : IGrainWithStringKey
{
    /// <summary>Adds a batch's values of this column. A log position already applied is ignored.</summary>
    [Alias("Apply")]
    Task ApplyAsync(ColumnChunk chunk);

    /// <summary>
    /// Writes the column now if it changed. True when its stored state holds every one of <paramref name="positions"/>;
    /// false when one is missing (an activation lost it before it was written), so the sender applies it again.
    /// Interleaved: while it waits for storage, questions and batches go on (the write's state is a copy taken in one
    /// turn, and no other method of the grain awaits).
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("Checkpoint")]
    Task<bool> CheckpointAsync(System.Collections.Immutable.ImmutableArray<Ingest.LogPosition> positions);

    /// <summary>Starts counting the bins of a baseline exactly, for data that arrives from now on.</summary>
    [Alias("ActivateBaseline")]
    Task ActivateBaselineAsync(BaselineBins bins);

    /// <summary>Every bucket in the window merged into one summary; null means all time.</summary>
    [Alias("Summarize")]
    Task<ColumnSummary> SummarizeAsync(TimeWindow? window);

    /// <summary>Records this column has seen (with a value or missing) in the window; null means all time. Cheap: no sketch is merged.</summary>
    [Alias("Count")]
    Task<long> CountAsync(TimeWindow? window);

    /// <summary>The drift of this column in a window against a baseline column.</summary>
    [Alias("GetDrift")]
    Task<ColumnDrift> GetDriftAsync(ColumnDriftRequest request);

    /// <summary>
    /// The column's exact counts on the bins of the baseline counted under <paramref name="counterKey"/>
    /// (<paramref name="binCount"/> bins) over <paramref name="window"/>: the drift answer's current counts when it counts
    /// them exactly, without merging a sketch, and without decoding a bucket whose counts were kept when it left memory.
    /// </summary>
    [Alias("GetBinCounts")]
    Task<ColumnBinCountsAnswer> GetBinCountsAsync(string counterKey, int binCount, TimeWindow window);
}
