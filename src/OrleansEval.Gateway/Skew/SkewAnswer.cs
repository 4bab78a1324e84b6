namespace OrleansEval.Gateway.Skew;

/// <summary>
/// The documented shape of the skew answer, which <see cref="SkewJson"/> writes: both series and their rows, the ids
/// found in both, and every feature's mismatches with examples.
/// </summary>
internal sealed record SkewAnswer(
    string ModelId,
    SkewAnswer.SkewSideAnswer Reference,
    SkewAnswer.SkewSideAnswer Current,
    long Joined,
    double Tolerance,
    bool Sampled,
    IReadOnlyList<SkewAnswer.FeatureSkewAnswer> Features,
    string? Reason = null)
{
    /// <summary>One series compared and the rows it had in its window.</summary>
    internal sealed record SkewSideAnswer(string Version, string Environment, long Rows);

    /// <summary>One feature's comparison over the joined ids.</summary>
    internal sealed record FeatureSkewAnswer(
        string Name,
        string Type,
        long Compared,
        long Mismatched,
        double? MismatchRate,
        double? MeanAbsDifference,
        double? MaxAbsDifference,
        IReadOnlyList<SkewExampleAnswer> Examples);

    /// <summary>One id whose value differs between the series.</summary>
    internal sealed record SkewExampleAnswer(string PredictionId, string? Reference, string? Current);
}
