using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Ingest;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// One partition of a model's ingest log (key "model/partition"): every batch is written here durably before it is
/// fanned out, so an acknowledged batch survives a crash; on activation the entries whose grains may not have stored
/// them are fanned out again. It also remembers idempotency keys for the idempotency window.
/// </summary>
[Alias("OrleansEval.IIngestLogGrain")]
public interface IIngestLogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Writes <paramref name="entry"/> durably (gathered with the other appends waiting for the next write), or finds
    /// its key already taken. Throws <see cref="StoreUnavailableException"/> when storage refused the write, or, before
    /// writing, while an entry has stayed unapplied for longer than MaxUnpersisted (its grains cannot store it).
    /// </summary>
    [Alias("Append")]
    Task<LogAppend> AppendAsync(IngestLogEntry entry);

    /// <summary>Marks the entry at <paramref name="sequence"/> fanned out, with the actuals it left unmatched.</summary>
    /// <remarks>
    /// One-way, so the acknowledgement does not wait for it. Safe: the mark only lets the entry be trimmed; an entry
    /// whose mark is lost is fanned out again by the log (every grain ignores it) before it is trimmed.
    /// </remarks>
    [Alias("Applied")]
    [Orleans.Concurrency.OneWay]
    Task AppliedAsync(long sequence, ImmutableArray<UnmatchedActual> unmatched);

    /// <summary>Answers whether the log holds the key <paramref name="batchId"/> (a live entry or a remembered one).</summary>
    [Alias("Holds")]
    Task<bool> HoldsAsync(string batchId);

    /// <summary>
    /// From now on refuses (<see cref="LogAppendStatus.Stale"/>) batches of records planned under a model revision below
    /// <paramref name="revision"/>, and answers once every entry planned under one below it has been fanned out — the
    /// entries not yet applied are fanned out again here. Throws <see cref="StoreUnavailableException"/> when one could
    /// not be. A slice defined at <paramref name="revision"/> is backfilled after this, so no row it reads waits for
    /// the label join, and no row it does not read is still to come.
    /// </summary>
    [Alias("Drain")]
    Task DrainAsync(long revision);

    /// <summary>Activates the log (which replays what was not stored) and answers how many entries it still holds.</summary>
    [Alias("Recover")]
    Task<int> RecoverAsync();
}
