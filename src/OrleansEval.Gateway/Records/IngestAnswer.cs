namespace OrleansEval.Gateway.Records;

/// <summary>The documented shape of POST /v1/models/{modelId}/records: the records kept and each one rejected, with its index and why.</summary>
internal sealed record IngestAnswer(long Accepted, IReadOnlyList<IngestAnswer.RejectionAnswer> Rejected)
{
    /// <summary>A rejected item of the batch: its index and the field and rule it broke.</summary>
    internal sealed record RejectionAnswer(int Index, string Error);
}
