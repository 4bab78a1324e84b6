using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Drift;

/// <summary>GET /v1/models/{modelId}/drift: every column's drift in a window against a baseline.</summary>
internal static class DriftEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/drift", GetAsync);

    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var fields = new DriftFields("modelId", modelId, HttpQueries.Field(request.Query, "baseline"), HttpQueries.Window(request.Query));
        return HttpQueries.Respond(await DriftRead.AnswerAsync(fields, grains, time.GetUtcNow()));
    }
}
