using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Grains;
using OrleansEval.Keys;
using OrleansEval.Performance;

namespace OrleansEval.Gateway.Performance;

/// <summary>GET /v1/models/{modelId}/performance: realised and estimated metrics of a slice, over a window and as a time series.</summary>
internal static class PerformanceEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/performance", GetAsync);

    /// <summary>Answers the performance of <paramref name="slice"/>; shared with GET /slices/{slice}.</summary>
    public static async Task<IResult> AnswerAsync(string modelId, string slice, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        if (!NameRules.IsValidModelId(modelId))
        {
            return Problems.BadRequest("modelId", $"must be {NameRules.ModelIdRule}");
        }

        var (window, problem) = WindowQuery.Read(request.Query, time.GetUtcNow());
        if (problem is not null)
        {
            return problem;
        }

        var granularityText = request.Query["granularity"].FirstOrDefault();
        TimeSpan? granularity = null;
        var monthly = granularityText is "month" or "1mo";
        if (granularityText is not null && !monthly)
        {
            if (!Durations.TryParse(granularityText, out var step))
            {
                return Problems.BadRequest("granularity", "must be a duration such as 1h or 1d, or 'month'");
            }

            granularity = step;
        }

        var query = new PerformanceQuery(window!.Series.Version, window.Series.Environment, window.From, window.To, slice, granularity, monthly);
        var answer = await grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(modelId, query);
        if (answer.Report is null)
        {
            return answer.NotFound ? Problems.NotFound(answer.ErrorField!, answer.Error!) : Problems.BadRequest(answer.ErrorField!, answer.Error!);
        }

        return Results.Bytes(PerformanceJson.Write(answer.Report), "application/json");
    }

    private static Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time) =>
        AnswerAsync(modelId, request.Query["slice"].FirstOrDefault() ?? "all", request, grains, time);
}
