using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Compare;

/// <summary>GET /v1/models/{modelId}/compare: versions of a model on the predictions they all scored, slice by slice.</summary>
internal static class CompareEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/compare", GetAsync);

    // The request's abort token reaches the silo, so a client that gives up stops the reads of rows.
    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var query = request.Query;
        var fields = new CompareFields(
            modelId,
            HttpQueries.Field(query, "versions"),
            HttpQueries.Field(query, "from"),
            HttpQueries.Field(query, "to"),
            HttpQueries.Field(query, "metric"),
            HttpQueries.Field(query, "baseline"),
            HttpQueries.Field(query, "minSize"),
            HttpQueries.Field(query, "slices"));
        return HttpQueries.Respond(await CompareRead.AnswerAsync(fields, grains, time.GetUtcNow(), request.HttpContext.RequestAborted));
    }
}
