using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Drift;

/// <summary>GET /v1/models/{modelId}/drift: every column's drift in a window against a baseline, of every row or of a slice's rows.</summary>
internal static class DriftEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/drift", GetAsync);

    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var query = request.Query;
        var fields = new DriftFields("modelId", modelId, HttpQueries.Field(query, "baseline"), HttpQueries.Window(query), HttpQueries.Field(query, "slice"), query["where"]);
        return HttpQueries.Respond(await DriftRead.AnswerAsync(fields, grains, time.GetUtcNow()));
    }
}
