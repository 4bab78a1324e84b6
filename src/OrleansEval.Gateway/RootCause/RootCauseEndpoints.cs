using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.RootCause;

/// <summary>GET /v1/models/{modelId}/root-cause: how much each feature's shift and each bin's performance moved a metric.</summary>
internal static class RootCauseEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/root-cause", GetAsync);

    // The request's abort token reaches the silo, so a client that gives up stops the read of rows.
    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var query = request.Query;
        var fields = new RootCauseFields(
            "modelId",
            modelId,
            HttpQueries.Window(query),
            HttpQueries.Field(query, "baseline"),
            HttpQueries.Field(query, "metric"),
            HttpQueries.Field(query, "slice"),
            query["where"],
            HttpQueries.Field(query, "source"));
        return HttpQueries.Respond(await RootCauseRead.AnswerAsync(fields, grains, time.GetUtcNow(), request.HttpContext.RequestAborted));
    }
}
