using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.WorstSlices;

/// <summary>GET /v1/models/{modelId}/worst-slices: the slices of a window's labelled rows where the model does worst.</summary>
internal static class WorstSliceEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/worst-slices", GetAsync);

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
