using System.Collections;

namespace OrleansEval.Ingest;

/// <summary>The rows of a <see cref="RecordTable"/> as a read-only list.</summary>
public sealed class RecordRows : IReadOnlyList<RecordRow>
{
    private readonly RecordTable _table;

    internal RecordRows(RecordTable table) => _table = table;

    /// <inheritdoc/>
    public int Count => _table.Count;

    /// <inheritdoc/>
    public RecordRow this[int index] => _table[index];

    /// <inheritdoc/>
    public IEnumerator<RecordRow> GetEnumerator() => _table.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
