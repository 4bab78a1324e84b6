using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;

namespace OrleansEval.Gateway.Drift;

/// <summary>
/// GET /v1/models/{modelId}/drift: every column's drift in a window against a baseline, of every row or of a slice's
/// rows; GET …/drift/windows: the same for each window of a sequence, in one answer.
/// </summary>
internal static class DriftEndpoints
{
    private static readonly QueryParameter BaselineParameter = new("baseline", "The frozen baseline to compare with.", "training", Required: true);

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/models/{modelId}/drift", GetAsync)
            .Produces<DriftAnswer>()
            .WithMetadata(
                [
                    BaselineParameter,
                    .. WindowParameters.All,
                    new QueryParameter("slice", "A slice: a named slice or conditions such as `location = Seattle` (default: every row).", "location = Seattle"),
                    new QueryParameter("where", "A condition on the rows, repeatable; read from the stored rows.", "temp_max >= 15"),
                ]);
        routes.MapGet("/v1/models/{modelId}/drift/windows", GetWindowsAsync)
            .Produces<DriftWindowsAnswer>()
            .WithMetadata(
                [
                    BaselineParameter,
                    .. WindowParameters.All,
                    new QueryParameter("granularity", "Step of the windows: a duration of at most 366 days such as 1d or 7d, or `month`; at most 366 windows.", "month", Required: true),
                ]);
    }

    private static async Task<IResult> GetAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var query = request.Query;
        var fields = new DriftFields("modelId", modelId, HttpQueries.Field(query, "baseline"), HttpQueries.Window(query), HttpQueries.Field(query, "slice"), query["where"]);
        return HttpQueries.Respond(await DriftRead.AnswerAsync(fields, grains, time.GetUtcNow()));
    }

    private static async Task<IResult> GetWindowsAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var query = request.Query;
        var fields = new DriftWindowsFields(new DriftFields("modelId", modelId, HttpQueries.Field(query, "baseline"), HttpQueries.Window(query)), HttpQueries.Field(query, "granularity"));
        return HttpQueries.Respond(await DriftWindowsRead.AnswerAsync(fields, grains, time.GetUtcNow()));
    }
}
