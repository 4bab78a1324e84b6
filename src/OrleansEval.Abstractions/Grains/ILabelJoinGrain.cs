using System.Collections.Immutable;
using OrleansEval.Actuals;

namespace OrleansEval.Grains;

/// <summary>
/// One shard of a model's label join (key "model/shard"): predictions waiting for their actuals and actuals waiting
/// for their predictions, each kept for the join window within a memory bound. Joined rows go to the slice grains.
/// </summary>
[Alias("OrleansEval.ILabelJoinGrain")]
public interface ILabelJoinGrain : IGrainWithStringKey
{
    /// <summary>How many more predictions and held actuals the shard can keep; read without waiting for other calls.</summary>
    [Alias("FreeCapacity")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<long> FreeCapacityAsync();

    /// <summary>
    /// Keeps the predictions of a batch and counts, in every slice of each, its actual: the one the record carried, or
    /// one that was waiting for it. The join is the only place outcomes are counted from, so a later replacement always
    /// finds what it takes back. Returns 0, or the seconds to wait when the shard is full and kept nothing.
    /// </summary>
    [Alias("Register")]
    Task<int> RegisterAsync(string batchId, Models.ModelTask task, string positiveLabel, PendingPredictions predictions);

    /// <summary>Joins late actuals to their predictions, or holds them; one outcome per actual, in order.</summary>
    [Alias("ApplyActuals")]
    Task<ImmutableArray<JoinOutcome>> ApplyActualsAsync(string batchId, ImmutableArray<LateActual> actuals);
}
