using OrleansEval.Rows;

namespace OrleansEval.GrainInterfaces;

/// <summary>Reads a model's kept rows from the row store: one activation per read (see <see cref="RowReads"/>).</summary>
[Alias("OrleansEval.IRowReader")]
public interface IRowReader : IGrainWithGuidKey
{
    /// <summary>
    /// The rows <paramref name="query"/> selects, every row with its current actual: blocks in descending day order
    /// (a day may give one or more blocks per series), a day's blocks in descending order of their newest row (so no
    /// later block of the day holds a row newer than the one just received), rows in each block in descending timestamp
    /// order. Rows
    /// acknowledged before the call are included.
    /// Streamed: a caller that stops enumerating or cancels stops the read on the silo.
    /// </summary>
    [Alias("Read")]
    IAsyncEnumerable<RowBlock> ReadAsync(RowQuery query, CancellationToken cancellationToken = default);
}
