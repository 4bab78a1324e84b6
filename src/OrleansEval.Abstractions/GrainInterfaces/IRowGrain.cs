using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Ingest;
using OrleansEval.Rows;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// Keeps the rows of one series (or a model's late actuals) in the row store: buffers them per UTC day and writes one
/// part per day touched on a timer, on deactivation and when asked. Keyed by <see cref="Keys.RowGrainKey"/>.
/// </summary>
[Alias("OrleansEval.IRowGrain")]
public interface IRowGrain : IGrainWithStringKey
{
    /// <summary>Keeps a batch's rows of this series. A log position already applied is ignored.</summary>
    [Alias("Apply")]
    Task ApplyAsync(RowBatch batch);

    /// <summary>Keeps a batch of late actuals received at <paramref name="received"/>. A log position already applied is ignored.</summary>
    [Alias("ApplyActuals")]
    Task ApplyActualsAsync(LogPosition position, DateTimeOffset received, ImmutableArray<LateActual> actuals);

    /// <summary>
    /// Writes what is buffered now, so a read that follows sees every row applied before the call; answers how many rows
    /// each kept day has had applied (more than <c>RowsPerDay</c> means the day's stored rows are a sample).
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store refused the write.</exception>
    [Alias("Flush")]
    Task<ImmutableDictionary<DateOnly, long>> FlushAsync();

    /// <summary>
    /// How many rows each kept day has had applied, buffered ones included, as <see cref="FlushAsync"/> answers it but
    /// without writing anything: a day's count moves only when a row of it is applied or the day passes retention.
    /// Interleaved, so that a root cause's baseline revision does not wait for a flush writing parts: it runs to its end
    /// without awaiting and reads only the days' counts, arrivals and the retention, which are whole at every await of
    /// the other methods (an apply counts its rows before its only await, the one that drops expired days, which this
    /// leaves out anyway; a flush changes no count).
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("GetKeptDays")]
    Task<ImmutableDictionary<DateOnly, long>> GetKeptDaysAsync();

    /// <summary>
    /// Writes now if anything is buffered. True when the stored parts and state hold every one of
    /// <paramref name="positions"/>; false when one is missing (an activation lost it before it was written).
    /// </summary>
    [Alias("Checkpoint")]
    Task<bool> CheckpointAsync(ImmutableArray<LogPosition> positions);
}
