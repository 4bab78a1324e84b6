using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Performance;

/// <summary>GET /v1/models/{modelId}/performance: realised and estimated metrics of a slice, over a window and as a time series.</summary>
internal static class PerformanceEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/performance", GetAsync)
        .Produces<PerformanceAnswer>()
        .WithMetadata([.. WindowParameters.All, SliceParameter, GranularityParameter]);

    /// <summary>The slice whose performance is read.</summary>
    public static QueryParameter SliceParameter { get; } = new("slice", "A named slice or conditions such as `location = Seattle` (default: every row).", "location = Seattle");

    /// <summary>The step of the series.</summary>
    public static QueryParameter GranularityParameter { get; } = new("granularity", "Step of the series: a duration such as 6h or 1d, or `month` (default: no series).", "month");

    /// <summary>Answers the performance of <paramref name="slice"/>; shared with GET /slices/{slice}.</summary>
    public static async Task<IResult> AnswerAsync(string modelId, string slice, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var fields = new PerformanceFields("modelId", modelId, slice, HttpQueries.Field(request.Query, "granularity"), HttpQueries.Window(request.Query));
        return HttpQueries.Respond(await PerformanceRead.AnswerAsync(fields, grains, time.GetUtcNow()));
    }

    private static Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time) =>
        AnswerAsync(modelId, HttpQueries.Field(request.Query, "slice") ?? SliceKey.All, request, grains, time);
}
