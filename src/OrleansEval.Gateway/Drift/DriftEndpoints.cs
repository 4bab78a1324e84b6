using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Drift;
using OrleansEval.Gateway.Http;
using OrleansEval.Grains;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Drift;

/// <summary>GET /v1/models/{modelId}/drift: every column's drift in a window against a baseline.</summary>
internal static class DriftEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/drift", GetAsync);

    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        if (!NameRules.IsValidModelId(modelId))
        {
            return Problems.BadRequest("modelId", $"must be {NameRules.ModelIdRule}");
        }

        var query = request.Query;
        var baseline = query["baseline"].FirstOrDefault();
        if (string.IsNullOrEmpty(baseline))
        {
            return Problems.BadRequest("baseline", "is required: the name of a frozen baseline");
        }

        var (window, problem) = WindowQuery.Read(query, time.GetUtcNow());
        if (problem is not null)
        {
            return problem;
        }

        var answer = await grains.GetGrain<IQueryWorker>(0).GetDriftAsync(modelId, new DriftQuery(baseline, window!.Series.Version, window.Series.Environment, window.From, window.To));
        if (answer.Report is null)
        {
            return answer.NotFound ? Problems.NotFound(answer.ErrorField!, answer.Error!) : Problems.BadRequest(answer.ErrorField!, answer.Error!);
        }

        return Results.Bytes(DriftJson.Write(answer.Report), "application/json");
    }
}
