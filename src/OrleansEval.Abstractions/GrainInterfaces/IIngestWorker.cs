using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Ingest;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// Validates a batch against the model's schema, turns rows into columns, writes the batch to the model's ingest log
/// and then sends each column grain one chunk: an answer means the batch is durable. A batch id the log already holds
/// answers what it was answered, or <c>Conflict</c> when it names other content. A stateless worker: any number run per
/// silo; a refused log write, or a log whose oldest unapplied entry has waited past MaxUnpersisted, throws
/// <see cref="Ingest.StoreUnavailableException"/>. A fan-out that fails after the write still answers: the log applies it.
/// </summary>
[Alias("OrleansEval.IIngestWorker")]
public interface IIngestWorker : IGrainWithIntegerKey
{
    /// <summary>Ingests a batch for a model; unknown models answer null.</summary>
    [Alias("Ingest")]
    Task<IngestResult?> IngestAsync(string modelId, IngestBatch batch);

    /// <summary>Checks late actuals against the model and joins them to their predictions; unknown models answer null.</summary>
    [Alias("IngestActuals")]
    Task<ActualsResult?> IngestActualsAsync(string modelId, string batchId, ImmutableArray<ActualRecord> actuals);
}
