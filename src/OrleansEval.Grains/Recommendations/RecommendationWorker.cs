using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansEval.GrainInterfaces;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.Recommendations;

/// <summary>
/// Advises on retraining: asks the root-cause worker for the default metric's change over the window, then decides
/// with <see cref="RetrainDecision"/> and names the bins to add with <see cref="TrainingAdditions"/>.
/// </summary>
[StatelessWorker]
internal sealed class RecommendationWorker(IGrainFactory grains, IOptions<FailureModeOptions> options) : Grain, IRecommendationWorker
{
    public async Task<RecommendationAnswer> RecommendAsync(string modelId, RecommendationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var question = new RootCauseQuery
        {
            Baseline = query.Baseline,
            Version = query.Version,
            Environment = query.Environment,
            From = query.From,
            To = query.To,
        };
        var answer = await grains.GetGrain<IRootCauseWorker>(0).RootCauseAsync(modelId, question, cancellationToken);
        if (answer.Report is not { } report)
        {
            return new RecommendationAnswer(null, answer.ErrorField, answer.Error, answer.NotFound);
        }

        return new RecommendationAnswer(Recommend(modelId, query, report, options.Value), null, null, NotFound: false);
    }

    /// <summary>The advice for <paramref name="query"/> from its root cause: whether to retrain, and what to add.</summary>
    public static RecommendationReport Recommend(string modelId, RecommendationQuery query, RootCauseReport report, FailureModeOptions options)
    {
        var decision = RetrainDecision.Of(report, options);
        var additions = TrainingAdditions.Of(modelId, query, report, options);
        return decision with { Additions = additions.Additions, Gaps = [.. report.Gaps, .. additions.Gaps] };
    }
}
