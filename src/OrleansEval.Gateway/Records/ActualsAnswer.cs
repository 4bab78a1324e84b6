namespace OrleansEval.Gateway.Records;

/// <summary>
/// The documented shape of POST /v1/models/{modelId}/actuals: the actuals kept, each one rejected, and each one whose
/// prediction has not arrived yet (held for the join window).
/// </summary>
internal sealed record ActualsAnswer(long Accepted, IReadOnlyList<IngestAnswer.RejectionAnswer> Rejected, IReadOnlyList<ActualsAnswer.UnmatchedAnswer> Unmatched)
{
    /// <summary>An actual held for its prediction.</summary>
    internal sealed record UnmatchedAnswer(int Index, string PredictionId);
}
