using OrleansEval.Rows;

namespace OrleansEval.GrainInterfaces;

/// <summary>How a caller reads kept rows: each read through a row reader of its own.</summary>
public static class RowReads
{
    /// <summary>
    /// The rows <paramref name="query"/> selects (see <see cref="IRowReader.ReadAsync"/>), read by a fresh row reader
    /// activation: an enumeration lives in the activation that started it, so every call of one read must reach that
    /// activation, which a shared or stateless-worker reader cannot promise.
    /// </summary>
    public static IAsyncEnumerable<RowBlock> ReadRowsAsync(this IGrainFactory grains, RowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IRowReader>(Guid.NewGuid()).ReadAsync(query, cancellationToken);
    }
}
