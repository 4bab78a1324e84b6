namespace OrleansEval.Gateway.Compare;

/// <summary>
/// The documented shape of the comparison answer, which <see cref="CompareJson"/> writes: the versions, the rows they
/// all scored, each slice's value per version with the tests against the champion, and the promotion advice.
/// </summary>
internal sealed record ComparisonDocument(
    string ModelId,
    DateTime From,
    DateTime To,
    string Metric,
    IReadOnlyList<string> Versions,
    long Paired,
    IReadOnlyDictionary<string, long> Unpaired,
    bool Sampled,
    int MinSize,
    IReadOnlyList<ComparisonDocument.ComparedSliceAnswer> Slices,
    ComparisonDocument.AdviceAnswer? Recommendation,
    string? Reason = null)
{
    /// <summary>One slice: its rows, each version's value, the tests of each candidate against the champion, and the winner.</summary>
    internal sealed record ComparedSliceAnswer(
        string Slice,
        string Kind,
        long N,
        IReadOnlyDictionary<string, double?> Values,
        IReadOnlyList<CandidateTestAnswer> Tests,
        string? Winner);

    /// <summary>A candidate's test against the champion; a McNemar test adds the discordant pairs.</summary>
    internal sealed record CandidateTestAnswer(
        string Version,
        double? Delta,
        string Test,
        double? Statistic,
        double PValue,
        double QValue,
        IReadOnlyList<long>? Discordant = null);

    /// <summary>Which version to promote, why, and the slices where it is better and worse.</summary>
    internal sealed record AdviceAnswer(string? Promote, string Because, IReadOnlyList<VerdictAnswer> BetterIn, IReadOnlyList<VerdictAnswer> WorseIn);

    /// <summary>A slice where a version differs from the champion.</summary>
    internal sealed record VerdictAnswer(string Slice, long N, double Delta, double QValue);
}
