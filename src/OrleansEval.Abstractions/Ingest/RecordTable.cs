using System.Collections;

namespace OrleansEval.Ingest;

/// <summary>
/// The records of one request, held column by column rather than as an object per record: a column per field of the
/// record (id, time, version, environment, prediction, actual), and the feature and tag values of every record as
/// cells of one column of names and one of values, each record owning a range of them in the order it sent them.
/// Names and categories are kept once per table. Rows are read through <see cref="RecordRow"/> views. A table built by
/// the gateway's parser lives in pooled buffers that its owner gives back with <see cref="ReturnBuffers"/> once
/// nothing reads it any more.
/// </summary>
[Immutable]
[Alias("OrleansEval.RecordTable")]
public sealed class RecordTable
{
    /// <summary>Fields of a row kept in <c>RecordColumns.Outcomes</c>, five a record.</summary>
    internal const int OutcomeFields = 5;

    /// <summary>Cell bounds of a row in <c>RecordColumns.Ranges</c>: features from, features to, tags from, tags to.</summary>
    internal const int RangeFields = 4;

    internal const byte HasPrediction = 1;
    internal const byte HasActual = 2;

    private int _returned;

    internal RecordTable(int count, RecordColumns columns)
    {
        Count = count;
        Data = columns;
        Rows = new RecordRows(this);
    }

    /// <summary>An empty table.</summary>
    public static RecordTable Empty { get; } = new RecordTableBuilder().Build();

    /// <summary>The number of records.</summary>
    public int Count { get; }

    /// <summary>
    /// The rows as a read-only list, for LINQ and collections (a table is deliberately not a collection itself, so that
    /// a collection expression of <see cref="RecordInput"/> never converts to it by mistake).
    /// </summary>
    public IReadOnlyList<RecordRow> Rows { get; }

    internal RecordColumns Data { get; }

    /// <summary>The record at <paramref name="row"/> (its position in the table, not its index in the request).</summary>
    public RecordRow this[int row] => (uint)row < (uint)Count ? new RecordRow(this, row) : throw new ArgumentOutOfRangeException(nameof(row));

    /// <summary>A table of records given one object each (tests and the gRPC mapper build them this way).</summary>
    public static RecordTable Of(IEnumerable<RecordInput> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var builder = new RecordTableBuilder();
        foreach (var record in records)
        {
            builder.Add(record);
        }

        return builder.Build();
    }

    /// <summary>
    /// Gives the table's buffers back to the pool they came from; the table must not be read afterwards. Calling it
    /// more than once does nothing.
    /// </summary>
    public void ReturnBuffers()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0 && !ReferenceEquals(this, Empty))
        {
            Data.Return();
        }
    }

    /// <summary>The rows in order, without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Enumerates the rows of a table.</summary>
    public struct Enumerator(RecordTable table) : IEnumerator<RecordRow>
    {
        private int _row = -1;

        /// <inheritdoc/>
        public readonly RecordRow Current => new(table, _row);

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++_row < table.Count;

        /// <inheritdoc/>
        public void Reset() => _row = -1;

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}
