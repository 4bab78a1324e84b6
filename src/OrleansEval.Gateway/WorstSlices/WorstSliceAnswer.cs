namespace OrleansEval.Gateway.WorstSlices;

/// <summary>
/// The documented shape of the worst-slice answer, which <see cref="WorstSliceJson"/> writes: the window searched, the
/// overall error, each slice found with its tests and examples link, why none was found, and the search's settings.
/// </summary>
internal sealed record WorstSliceAnswer(
    string ModelId,
    DateTime From,
    DateTime To,
    long Rows,
    bool Sampled,
    string Metric,
    WorstSliceAnswer.OverallErrorAnswer Overall,
    IReadOnlyList<WorstSliceAnswer.FoundSliceAnswer> Slices,
    long Examined,
    long MinSize,
    int MaxConditions,
    double Alpha,
    string? Baseline,
    IReadOnlyList<string> Unbinned,
    string? Reason = null)
{
    /// <summary>The error (and accuracy, for a classifier) over every row searched.</summary>
    internal sealed record OverallErrorAnswer(double? Error, double? Accuracy = null);

    /// <summary>One slice where the model does worse than on the rest.</summary>
    internal sealed record FoundSliceAnswer(
        IReadOnlyList<string> Conditions,
        long Size,
        double Error,
        double Score,
        double ErrorVsRest,
        double PValue,
        double QValue,
        string Test,
        string Examples,
        double? Accuracy = null);
}
