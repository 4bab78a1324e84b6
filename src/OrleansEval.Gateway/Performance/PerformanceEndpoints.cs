using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Grains;
using OrleansEval.Keys;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Performance;

/// <summary>GET /v1/models/{modelId}/performance: realised and estimated metrics of a slice, over a window and as a time series.</summary>
internal static class PerformanceEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/performance", GetAsync);

    /// <summary>Answers the performance of <paramref name="slice"/>; shared with GET /slices/{slice}.</summary>
    public static async Task<IResult> AnswerAsync(string modelId, string slice, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var (json, problem) = await AnswerJsonAsync(modelId, slice, request.Query, grains, time.GetUtcNow());
        return problem ?? Results.Bytes(json!, "application/json");
    }

    /// <summary>Checks the question and answers the performance document, or the problem; shared with the gRPC service.</summary>
    public static async Task<(byte[]? Json, IResult? Problem)> AnswerJsonAsync(string modelId, string slice, IQueryCollection query, IGrainFactory grains, DateTimeOffset now)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return (null, invalidModel);
        }

        if (SliceKey.Check(slice) is { } invalidSlice)
        {
            return (null, Problems.BadRequest("slice", invalidSlice));
        }

        var (window, problem) = WindowQuery.Read(query, now);
        if (problem is not null)
        {
            return (null, problem);
        }

        var granularityText = query["granularity"].FirstOrDefault();
        TimeSpan? granularity = null;
        var monthly = granularityText is "month" or "1mo";
        if (granularityText is not null && !monthly)
        {
            if (!Durations.TryParse(granularityText, out var step))
            {
                return (null, Problems.BadRequest("granularity", "must be a duration such as 1h or 1d, or 'month'"));
            }

            granularity = step;
        }

        var performanceQuery = new PerformanceQuery(window!.Series.Version, window.Series.Environment, window.From, window.To, slice, granularity, monthly);
        var answer = await grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(modelId, performanceQuery);
        if (answer.Report is null)
        {
            return (null, answer.NotFound ? Problems.NotFound(answer.ErrorField!, answer.Error!) : Problems.BadRequest(answer.ErrorField!, answer.Error!));
        }

        return (PerformanceJson.Write(answer.Report), null);
    }

    private static Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time) =>
        AnswerAsync(modelId, request.Query["slice"].FirstOrDefault() ?? "all", request, grains, time);
}
