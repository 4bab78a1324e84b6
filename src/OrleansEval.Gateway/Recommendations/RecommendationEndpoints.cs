using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;

namespace OrleansEval.Gateway.Recommendations;

/// <summary>GET /v1/models/{modelId}/recommendations: whether to retrain, and the bins to add to the training set.</summary>
internal static class RecommendationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/recommendations", GetAsync)
        .Produces<RetrainingAnswer>()
        .WithMetadata(
        [
            new QueryParameter("baseline", "The baseline the window is compared with (default: the latest).", "training"),
            .. WindowParameters.All,
        ]);

    // The request's abort token reaches the silo, so a client that gives up stops the root cause's read.
    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var fields = new RecommendationFields("modelId", modelId, HttpQueries.Window(request.Query), HttpQueries.Field(request.Query, "baseline"));
        return HttpQueries.Respond(await RecommendationRead.AnswerAsync(fields, grains, time.GetUtcNow(), request.HttpContext.RequestAborted));
    }
}
