using OrleansEval.Drift;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.WarmUp;

/// <summary>The synthetic model's answers from <see cref="QueryWarmUp"/>, for the gateway to write once and the serializer to copy once.</summary>
/// <param name="ModelId">The name the synthetic model goes by (never registered).</param>
/// <param name="RootCause">Its root cause under accuracy, from a kept baseline side, classified.</param>
/// <param name="Recommendation">Its advice on retraining.</param>
/// <param name="WorstSliceQuery">The worst-slice search that was run.</param>
/// <param name="WorstSlices">Its worst slices.</param>
/// <param name="Drift">Its drift from rows.</param>
public sealed record QueryWarmUpAnswers(
    string ModelId,
    RootCauseAnswer RootCause,
    RecommendationAnswer Recommendation,
    WorstSliceQuery WorstSliceQuery,
    WorstSliceAnswer WorstSlices,
    DriftAnswer Drift);
