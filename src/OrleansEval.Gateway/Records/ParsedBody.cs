using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// What every parsed request body has beside its items: the items rejected alone, and a fault that makes the whole
/// body unusable (malformed JSON, too many items).
/// </summary>
internal abstract class ParsedBody
{
    public List<RecordRejection> Rejected { get; } = [];

    /// <summary>Set when the body as a whole cannot be used; names the field ("body") and the position.</summary>
    public string? Fault { get; set; }
}
