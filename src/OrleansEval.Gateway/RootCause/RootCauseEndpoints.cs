using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;

namespace OrleansEval.Gateway.RootCause;

/// <summary>GET /v1/models/{modelId}/root-cause: how much each feature's shift and each bin's performance moved a metric.</summary>
internal static class RootCauseEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/root-cause", GetAsync)
        .Produces<RootCauseAnswer>()
        .WithMetadata(
        [
            new QueryParameter("baseline", "The baseline the window is compared with (default: the latest).", "training"),
            .. WindowParameters.All,
            new QueryParameter("metric", "The metric explained, a mean of a per-row loss such as accuracy, logLoss or mae (default: the task's).", "accuracy"),
            new QueryParameter("slice", "A slice: a named slice or conditions such as `location = Seattle` (default: every row).", "location = Seattle"),
            new QueryParameter("where", "A condition on the rows, repeatable; read from the stored rows.", "temp_max in [15, inf)"),
            new QueryParameter("source", "rows to count the kept rows; bins (the default) to answer from the per-bin state when it covers the question.", "bins"),
        ]);

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
