using OrleansEval.Grains.FailureModes;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// A root-cause question's steps once its grain reads are in, with no grain call: the findings from a counted tally, and
/// the answer with its estimate and failure mode. <see cref="RootCauseWorker"/> answers through them, and the warm-up runs
/// the same steps on its synthetic model at start, so a process's first question finds their code compiled; the counts
/// of each step's runs let a test see that it does.
/// </summary>
internal static class PerBinAnswer
{
    private static long s_findings;
    private static long s_classified;

    /// <summary>How many times this process has taken findings from a per-bin tally.</summary>
    public static long FindingsRun => Interlocked.Read(ref s_findings);

    /// <summary>How many answers this process has classified.</summary>
    public static long Classifications => Interlocked.Read(ref s_classified);

    /// <summary>
    /// The findings of <paramref name="tally"/> (its current side counted from the slice families), with where its
    /// baseline side came from.
    /// </summary>
    public static RootCauseReport Findings(RootCauseQuery query, string metric, string baselineName, RootCauseTally tally, string baselineSource, string? sourceNote)
    {
        Interlocked.Increment(ref s_findings);
        var binned = RootCauseFindings.Report(query, metric, baselineName, tally);
        return binned with { Baseline = binned.Baseline with { Source = baselineSource, SourceNote = sourceNote } };
    }

    /// <summary>The answer to <paramref name="report"/>: its estimate set, its failure mode classified.</summary>
    public static RootCauseAnswer Classified(RootCauseReport report, double? estimated, FailureModeOptions failureModes)
    {
        ArgumentNullException.ThrowIfNull(report);
        Interlocked.Increment(ref s_classified);
        var estimatedReport = report with { Current = report.Current with { Estimated = estimated } };
        return RootCauseAnswer.Answered(RootCauseFailureModes.Classify(estimatedReport, failureModes));
    }
}
