using System.Globalization;
using OrleansEval.Drift;
using OrleansEval.Gateway.Drift;
using OrleansEval.Gateway.Queries;
using OrleansEval.Gateway.Recommendations;
using OrleansEval.Gateway.RootCause;
using OrleansEval.Gateway.WorstSlices;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.WorstSlices;

namespace OrleansEval.Gateway.Hosting;

/// <summary>
/// The gateway's side of a process's warm-up: checks a question of each kind once and writes an answer of each kind
/// once, as their endpoints do, so the first real request does not pay for compiling and first use of that code. It
/// asks no grain.
/// </summary>
public static class AnswerWarmUp
{
    /// <summary>
    /// Checks a root-cause, recommendation, worst-slice and drift question on <paramref name="modelId"/> over the
    /// answers' window and writes each answer; the number of bytes written.
    /// </summary>
    public static long Write(string modelId, RootCauseReport rootCause, RecommendationReport recommendation, WorstSliceQuery worstSliceQuery, WorstSliceReport worstSlices, DriftReport drift, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rootCause);
        ArgumentNullException.ThrowIfNull(worstSliceQuery);
        var window = new WindowFields(worstSliceQuery.Version, worstSliceQuery.Environment, Text(rootCause.From), Text(rootCause.To));
        RootCauseRead.Parse(new RootCauseFields("modelId", modelId, window, rootCause.Baseline.Name, rootCause.Metric, Slice: null, Where: []), now);
        RecommendationRead.Parse(new RecommendationFields("modelId", modelId, window, rootCause.Baseline.Name), now);
        WorstSliceRead.Parse(new WorstSliceFields("modelId", modelId, window, worstSliceQuery.Baseline, worstSliceQuery.Metric, null, null, null, null), now);
        DriftRead.Parse(new DriftFields("modelId", modelId, rootCause.Baseline.Name, window), now);
        return (long)RootCauseJson.Write(modelId, rootCause).Length
            + RecommendationJson.Write(recommendation).Length
            + WorstSliceJson.Write(modelId, worstSliceQuery, worstSlices).Length
            + DriftJson.Write(drift).Length;
    }

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
