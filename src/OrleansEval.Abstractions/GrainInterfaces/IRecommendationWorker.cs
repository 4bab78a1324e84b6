using OrleansEval.Recommendations;

namespace OrleansEval.GrainInterfaces;

/// <summary>Advises whether to retrain a model and on which rows, from its root cause. A stateless worker.</summary>
[Alias("OrleansEval.IRecommendationWorker")]
public interface IRecommendationWorker : IGrainWithIntegerKey
{
    /// <summary>The recommendation for <paramref name="modelId"/>, or the field that makes the question unanswerable.</summary>
    [Alias("Recommend")]
    Task<RecommendationAnswer> RecommendAsync(string modelId, RecommendationQuery query, CancellationToken cancellationToken = default);
}
