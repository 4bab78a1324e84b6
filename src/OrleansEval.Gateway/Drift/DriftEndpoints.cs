using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;

namespace OrleansEval.Gateway.Drift;

/// <summary>GET /v1/models/{modelId}/drift: every column's drift in a window against a baseline, of every row or of a slice's rows.</summary>
internal static class DriftEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/drift", GetAsync)
        .Produces<DriftAnswer>()
        .WithMetadata(
            [
                new QueryParameter("baseline", "The frozen baseline to compare with.", "training", Required: true),
                .. WindowParameters.All,
                new QueryParameter("slice", "A slice: a named slice or conditions such as `location = Seattle` (default: every row).", "location = Seattle"),
                new QueryParameter("where", "A condition on the rows, repeatable; read from the stored rows.", "temp_max >= 15"),
            ]);

    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var query = request.Query;
        var fields = new DriftFields("modelId", modelId, HttpQueries.Field(query, "baseline"), HttpQueries.Window(query), HttpQueries.Field(query, "slice"), query["where"]);
        return HttpQueries.Respond(await DriftRead.AnswerAsync(fields, grains, time.GetUtcNow()));
    }
}
