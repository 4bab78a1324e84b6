using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// What the parser made of a request body: the items it could read, the ones it rejected alone, or a fault that
/// makes the whole body unusable (malformed JSON, too many records).
/// </summary>
internal sealed class ParsedBatch<T>
{
    public List<T> Items { get; } = [];

    public List<RecordRejection> Rejected { get; } = [];

    /// <summary>Set when the body as a whole cannot be used; names the field ("body") and the position.</summary>
    public string? Fault { get; set; }
}
