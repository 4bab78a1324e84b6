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

    /// <summary>Checks the question and answers the drift document, or the problem; shared with the gRPC service.</summary>
    public static async Task<(byte[]? Json, IResult? Problem)> AnswerJsonAsync(string modelId, IQueryCollection query, IGrainFactory grains, DateTimeOffset now)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return (null, invalidModel);
        }

        var baseline = query["baseline"].FirstOrDefault();
        if (string.IsNullOrEmpty(baseline))
        {
            return (null, Problems.BadRequest("baseline", "is required: the name of a frozen baseline"));
        }

        if (NameChecks.Problem("baseline", NameKind.Name, baseline) is { } invalidBaseline)
        {
            return (null, invalidBaseline);
        }

        var (window, problem) = WindowQuery.Read(query, now);
        if (problem is not null)
        {
            return (null, problem);
        }

        var answer = await grains.GetGrain<IQueryWorker>(0).GetDriftAsync(modelId, new DriftQuery(baseline, window!.Series.Version, window.Series.Environment, window.From, window.To));
        if (answer.Report is null)
        {
            return (null, answer.NotFound ? Problems.NotFound(answer.ErrorField!, answer.Error!) : Problems.BadRequest(answer.ErrorField!, answer.Error!));
        }

        return (DriftJson.Write(answer.Report), null);
    }

    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var (json, problem) = await AnswerJsonAsync(modelId, request.Query, grains, time.GetUtcNow());
        return problem ?? Results.Bytes(json!, "application/json");
    }
}
