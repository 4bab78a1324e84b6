using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;

namespace OrleansEval.Gateway.Skew;

/// <summary>GET /v1/models/{modelId}/skew: the same prediction ids logged by two series, compared feature by feature.</summary>
internal static class SkewEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/skew", GetAsync)
        .Produces<SkewAnswer>()
        .WithMetadata(
        [
            new QueryParameter("reference", "The reference series: an environment or version@environment.", "training", Required: true),
            new QueryParameter("current", "The current series: an environment or version@environment (default production).", "production"),
            new QueryParameter("version", "The version of a side that names none (default \"default\").", "v1"),
            WindowParameters.From,
            WindowParameters.To,
            new QueryParameter("referenceFrom", "Start of the reference side's window, RFC 3339 (default: `from`).", "2012-01-01T00:00:00Z"),
            new QueryParameter("referenceTo", "End of the reference side's window, RFC 3339 (default: `to`).", "2013-01-01T00:00:00Z"),
            new QueryParameter("tolerance", "Relative difference two numbers may have and still match (default 1e-6).", "0.000001"),
        ]);

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
