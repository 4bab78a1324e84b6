using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;

namespace OrleansEval.Gateway.Compare;

/// <summary>GET /v1/models/{modelId}/compare: versions of a model on the predictions they all scored, slice by slice.</summary>
internal static class CompareEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/compare", GetAsync)
        .Produces<ComparisonDocument>()
        .WithMetadata(
        [
            new QueryParameter("versions", "2 to 10 comma-separated versions, each version or version@environment; the first is the champion.", "v1,v2@shadow", Required: true),
            WindowParameters.From,
            WindowParameters.To,
            new QueryParameter("metric", "accuracy, errorRate, rocAuc, logLoss, brier, mae or squaredError (default: accuracy, or mae for a regressor).", "accuracy"),
            new QueryParameter("baseline", "The baseline whose cut points slice the numeric features (default: the latest).", "training"),
            new QueryParameter("minSize", "Fewest paired rows of an elementary slice (default: max(32, 1 % of the paired rows)).", "30"),
            new QueryParameter("slices", "Comma-separated named slices to compare (default: every named slice).", "seattle-warm"),
        ]);

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
