using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Skew;

/// <summary>GET /v1/models/{modelId}/skew: the same prediction ids logged by two series, compared feature by feature.</summary>
internal static class SkewEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/skew", GetAsync);

    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var query = request.Query;
        var fields = new SkewFields(
            modelId,
            HttpQueries.Field(query, "reference"),
            HttpQueries.Field(query, "current"),
            HttpQueries.Field(query, "version"),
            HttpQueries.Field(query, "from"),
            HttpQueries.Field(query, "to"),
            HttpQueries.Field(query, "referenceFrom"),
            HttpQueries.Field(query, "referenceTo"),
            HttpQueries.Field(query, "tolerance"));
        return HttpQueries.Respond(await SkewRead.AnswerAsync(fields, grains, time.GetUtcNow(), request.HttpContext.RequestAborted));
    }
}
