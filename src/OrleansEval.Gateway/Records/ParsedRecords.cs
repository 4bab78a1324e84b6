using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// What the parser made of a body of prediction records: the records it could read, column by column in pooled
/// buffers, which <see cref="Dispose"/> gives back — only once nothing reads <see cref="Table"/> any more.
/// </summary>
internal sealed class ParsedRecords : ParsedBody, IDisposable
{
    public RecordTable Table { get; private set; } = RecordTable.Empty;

    /// <summary>The records as a list (the rows of <see cref="Table"/>).</summary>
    public IReadOnlyList<RecordRow> Items => Table.Rows;

    /// <summary>Takes the records the builder kept.</summary>
    public void Finish(RecordTableBuilder builder) => Table = builder.Build();

    public void Dispose() => Table.ReturnBuffers();
}
