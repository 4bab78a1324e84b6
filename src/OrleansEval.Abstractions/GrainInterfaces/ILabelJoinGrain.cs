using System.Collections.Immutable;
using OrleansEval.Actuals;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// One shard of a model's label join (key "model/shard"): predictions waiting for their actuals and actuals waiting
/// for their predictions, each kept for the join window. Predictions are kept in storage with a filter of their ids in
/// memory; held actuals within a bound. Joined rows go to the slice grains.
/// </summary>
[Alias("OrleansEval.ILabelJoinGrain")]
public interface ILabelJoinGrain : IGrainWithStringKey
{
    /// <summary>
    /// How many more actuals the shard can hold for predictions that have not come; read without waiting for other calls.
    /// Predictions take no room: they are kept in storage, with a filter of their ids in memory.
    /// </summary>
    [Alias("FreeCapacity")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<long> FreeCapacityAsync();

    /// <summary>
    /// Keeps the predictions of a logged batch and counts, in every slice of each, its actual: the one the record
    /// carried, or one that was waiting for it. The join is the only place outcomes are counted from, so a later
    /// replacement always finds what it takes back. Never refused: predictions take no room. A position already applied
    /// is ignored. The predictions cross packed (<see cref="PackedPredictions"/>).
    /// </summary>
    [Alias("Register")]
    Task RegisterAsync(Ingest.LogPosition position, Models.ModelTask task, string positiveLabel, PackedPredictions predictions);

    /// <summary>
    /// Joins late actuals to their predictions, or holds them; one outcome per actual, in order. A position already
    /// applied changes nothing and answers, per actual, whether it is still held.
    /// </summary>
    [Alias("ApplyActuals")]
    Task<ImmutableArray<JoinResult>> ApplyActualsAsync(Ingest.LogPosition position, ImmutableArray<LateActual> actuals);

    /// <summary>
    /// Makes the predictions of <paramref name="parts"/> that the shard holds members of <paramref name="slice"/> (a
    /// named slice being backfilled), and counts in it, in the same call, the actual each holds now — once: a
    /// prediction already in the slice is counted no more. Later actuals and corrections then reach the slice as they
    /// reach the prediction's other slices. Answers, for each prediction of each part in order, whether the shard holds
    /// it (and so counts its outcomes); the backfill counts the outcome of every other one from its row. The shard is
    /// written before it answers.
    /// </summary>
    [Alias("AdoptSlice")]
    Task<ImmutableArray<bool>> AdoptSliceAsync(Slices.SliceKey slice, ImmutableArray<SliceAdoption> parts);

    /// <summary>
    /// Checkpoints the slice grains the shard sent outcomes to, then writes the shard if it changed. True when its stored
    /// state holds every one of <paramref name="positions"/> (and the slices the outcomes it sent for them); false when
    /// one is missing, so the sender applies it again.
    /// </summary>
    [Alias("Checkpoint")]
    Task<bool> CheckpointAsync(ImmutableArray<Ingest.LogPosition> positions);

    /// <summary>What the shard holds in memory and in storage (see <see cref="JoinFootprint"/>).</summary>
    [Alias("GetFootprint")]
    Task<JoinFootprint> GetFootprintAsync();
}
