using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;

namespace OrleansEval.Gateway.WorstSlices;

/// <summary>GET /v1/models/{modelId}/worst-slices: the slices of a window's labelled rows where the model does worst.</summary>
internal static class WorstSliceEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/worst-slices", GetAsync)
        .Produces<WorstSliceAnswer>()
        .WithMetadata(
        [
            WindowParameters.AnyVersion,
            WindowParameters.AnyEnvironment,
            WindowParameters.From,
            WindowParameters.To,
            new QueryParameter("baseline", "The baseline whose cut points bin the numeric features (default: the latest).", "training"),
            new QueryParameter("metric", "error, logLoss, brier or squaredError, as the model's task allows (default error).", "error"),
            new QueryParameter("minSize", "Fewest rows of a slice, a whole number of at least 1 (default: max(32, 1 % of the rows)).", "30"),
            new QueryParameter("maxConditions", "Most conditions of a slice, 1 to 3 (default 2).", "2"),
            new QueryParameter("alpha", "Weight of the error against the size in the score, in (0, 1] (default 0.95).", "0.95"),
            new QueryParameter("limit", "Most slices answered, 1 to 100 (default 10).", "10"),
        ]);

    // The request's abort token reaches the silo, so a client that gives up stops the read and the search.
    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var query = request.Query;
        var fields = new WorstSliceFields(
            "modelId",
            modelId,
            HttpQueries.Window(query),
            HttpQueries.Field(query, "baseline"),
            HttpQueries.Field(query, "metric"),
            HttpQueries.Field(query, "minSize"),
            HttpQueries.Field(query, "maxConditions"),
            HttpQueries.Field(query, "alpha"),
            HttpQueries.Field(query, "limit"));
        return HttpQueries.Respond(await WorstSliceRead.AnswerAsync(fields, grains, time.GetUtcNow(), request.HttpContext.RequestAborted));
    }
}
