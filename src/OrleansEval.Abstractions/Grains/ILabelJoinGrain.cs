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
    /// <summary>
    /// Keeps the predictions of a batch (idempotent per prediction id) and joins any actual already waiting for one.
    /// Returns 0, or the seconds to wait when the shard is full and kept nothing.
    /// </summary>
    [Alias("Register")]
    Task<int> RegisterAsync(string batchId, Models.ModelTask task, string positiveLabel, ImmutableArray<PendingPrediction> predictions);

    /// <summary>Joins late actuals to their predictions, or holds them; one outcome per actual, in order.</summary>
    [Alias("ApplyActuals")]
    Task<ImmutableArray<JoinOutcome>> ApplyActualsAsync(string batchId, ImmutableArray<LateActual> actuals);
}
