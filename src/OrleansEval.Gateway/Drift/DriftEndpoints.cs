using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Drift;
using OrleansEval.Gateway.Http;
using OrleansEval.Grains;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Drift;

/// <summary>GET /v1/models/{modelId}/drift: every column's drift in a window against a baseline.</summary>
internal static class DriftEndpoints
{
    /// <summary>Window used when the request names none: the last day.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(1);

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

        var version = query["version"].FirstOrDefault() ?? SeriesId.DefaultVersion;
        if (!NameRules.IsValidName(version))
        {
            return Problems.BadRequest("version", $"must be {NameRules.NameRule}");
        }

        var environment = query["environment"].FirstOrDefault() ?? SeriesId.DefaultEnvironment;
        if (!NameRules.IsValidEnvironment(environment))
        {
            return Problems.BadRequest("environment", $"must be one of {string.Join(", ", NameRules.Environments)}");
        }

        if (!TryReadTime(query["to"].FirstOrDefault(), time.GetUtcNow(), out var to))
        {
            return Problems.BadRequest("to", "must be an ISO-8601 date and time");
        }

        if (!TryReadTime(query["from"].FirstOrDefault(), to - DefaultWindow, out var from))
        {
            return Problems.BadRequest("from", "must be an ISO-8601 date and time");
        }

        if (from >= to)
        {
            return Problems.BadRequest("from", "must be earlier than to");
        }

        var answer = await grains.GetGrain<IQueryWorker>(0).GetDriftAsync(modelId, new DriftQuery(baseline, version, environment, from, to));
        if (answer.Report is null)
        {
            return answer.NotFound ? Problems.NotFound(answer.ErrorField!, answer.Error!) : Problems.BadRequest(answer.ErrorField!, answer.Error!);
        }

        return Results.Bytes(DriftJson.Write(answer.Report), "application/json");
    }

    private static bool TryReadTime(string? text, DateTimeOffset fallback, out DateTimeOffset time)
    {
        if (text is null)
        {
            time = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
