using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.Performance;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// The performance of one slice family of one series (key "model/version/environment/family"): per member and
/// event-time bucket, mergeable performance and estimation state. Hot: one call per ingest batch.
/// </summary>
[Alias("OrleansEval.ISliceGrain")]
public interface ISliceGrain : IGrainWithStringKey
{
    /// <summary>Adds a batch's predictions and outcomes. A log position already applied is ignored.</summary>
    [Alias("Apply")]
    Task ApplyAsync(SliceDelta delta);

    /// <summary>
    /// Writes the family now if it changed. True when its stored state holds every one of <paramref name="positions"/>;
    /// false when one is missing (an activation lost it before it was written), so the sender applies it again.
    /// Interleaved: while it waits for storage, questions and batches go on (the write's state is a copy taken in one
    /// turn, and no other method of the grain awaits).
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("Checkpoint")]
    Task<bool> CheckpointAsync(System.Collections.Immutable.ImmutableArray<Ingest.LogPosition> positions);

    /// <summary>
    /// Whether the family's stored state holds each of <paramref name="positions"/>, answered from its last successful
    /// write without writing: a label-join shard learns which outcomes it may stop keeping. Interleaved: it reads only.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("Stored")]
    Task<ImmutableArray<Ingest.EntryStorage>> StoredAsync(ImmutableArray<Ingest.LogPosition> positions);

    /// <summary>Performance of one member in each window; empty when no record ever reached that member.</summary>
    [Alias("GetPerformance")]
    Task<ImmutableArray<SlicePerformance>> GetPerformanceAsync(string member, ImmutableArray<TimeWindow> windows);

    /// <summary>
    /// Fits the calibration of the label-free estimate on the labelled binary predictions of the whole-model member in
    /// the window (null: all time); empty when there are none.
    /// </summary>
    [Alias("FitCalibration")]
    Task<ImmutableArray<byte>> FitCalibrationAsync(TimeWindow? window);

    /// <summary>Performance of every member in one window (null: all time).</summary>
    [Alias("GetMembers")]
    Task<ImmutableArray<SlicePerformance>> GetMembersAsync(TimeWindow? window);

    /// <summary>
    /// Every member's counts in a window, without metrics: predictions, labelled predictions, right predictions, actual
    /// positives and error sums, kept per day so that a window of whole days costs its number of days, not its buckets.
    /// </summary>
    [Alias("GetBinCounts")]
    Task<SliceBinCountsAnswer> GetBinCountsAsync(TimeWindow window);

    /// <summary>
    /// The label-free estimate of the whole-model member over a window widened over the rolled-up days it cuts: the
    /// <see cref="SlicePerformance.Estimated"/> that <see cref="GetPerformanceAsync"/> answers for that window, from
    /// estimation states kept merged per day, without merging any realised performance state.
    /// </summary>
    [Alias("GetEstimate")]
    Task<MetricSet> GetEstimateAsync(TimeWindow window);
}
