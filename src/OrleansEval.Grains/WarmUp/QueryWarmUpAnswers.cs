using OrleansEval.Drift;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.WarmUp;

/// <summary>
/// The synthetic model's questions and answers from <see cref="QueryWarmUp"/>, for the gateway to write once and the
/// serializer and copier to carry once.
/// </summary>
/// <param name="ModelId">The name the synthetic model goes by (never registered).</param>
/// <param name="RootCauseQuery">The root-cause question that was answered.</param>
/// <param name="BaselineSide">The baseline side's counts under accuracy, as its counter keeps them.</param>
/// <param name="RootCause">Its root cause under accuracy, from a kept baseline side, classified.</param>
/// <param name="RecommendationQuery">The recommendations' question.</param>
/// <param name="Recommendation">Its advice on retraining.</param>
/// <param name="WorstSliceQuery">The worst-slice search that was run.</param>
/// <param name="WorstSlices">Its worst slices.</param>
/// <param name="DriftQuery">The drift question.</param>
/// <param name="Drift">Its drift from rows.</param>
public sealed record QueryWarmUpAnswers(
    string ModelId,
    RootCauseQuery RootCauseQuery,
    BaselineSideCounts BaselineSide,
    RootCauseAnswer RootCause,
    RecommendationQuery RecommendationQuery,
    RecommendationAnswer Recommendation,
    WorstSliceQuery WorstSliceQuery,
    WorstSliceAnswer WorstSlices,
    DriftQuery DriftQuery,
    DriftAnswer Drift);
