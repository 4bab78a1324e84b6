namespace OrleansEval.Gateway.Validation;

/// <summary>The documented shape of GET /v1/models/{modelId}/validations: every stored validation's head, newest last.</summary>
internal sealed record ValidationListAnswer(string ModelId, IReadOnlyList<ValidationListAnswer.ValidationHeadAnswer> Validations)
{
    /// <summary>A validation's id, time, series and verdict.</summary>
    internal sealed record ValidationHeadAnswer(
        string Id,
        DateTime At,
        ValidationAnswer.SeriesNameAnswer Candidate,
        ValidationAnswer.SeriesNameAnswer Reference,
        string Verdict);
}
